/// Namespace anchor for the `TDXHost` module; see the module's other files.
public enum TDXHostModule {}
