import TDXImage

/// One SEAMDB entry.
public struct SeamdbEntry: Hashable, Sendable {
    /// The module's SEAM SVN.
    public var seamSVN: UInt16
    /// The module's SEAMHASH (MRSEAM).
    public var seamHash: [UInt8]
    /// Its module version.
    public var version: ModuleVersion
}
