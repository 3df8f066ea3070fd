/// Namespace anchor for the `TDXFirmware` module; see the module's other files.
public enum TDXFirmwareModule {}
