/// Namespace anchor for the `TDXUpdater` module; see the module's other files.
public enum TDXUpdaterModule {}
