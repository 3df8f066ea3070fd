/// How the host's firmware calls behave.
public enum FirmwareMode: Sendable, Hashable {
    /// Every call runs the `TDXFirmware` model (the default).
    case model
    /// Update calls succeed at once without running any firmware: what is left of an
    /// update is the host's own overhead (for benchmarks). TD calls also succeed at once.
    case free
}
