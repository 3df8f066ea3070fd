/// Namespace anchor for the `TDXImage` module; see the module's other files.
public enum TDXImageModule {}
