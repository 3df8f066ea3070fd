/// What a file read from an image folder is for, and so the most bytes it can legally hold:
/// nothing larger is ever read, however large the file claims or turns out to be.
public enum FileRole: String, Sendable, Hashable, CustomStringConvertible {
    /// A v1 or v2 module image.
    case image
    /// A module binary (`.bin`) of a `.bin` + `.sigstruct` pair.
    case moduleBinary = "module_binary"
    /// A sigstruct (`.sigstruct`).
    case sigstruct
    /// Intel's `mapping_file.json`.
    case mappingFile = "mapping_file"
    /// The kernel's `/proc/self/mountinfo`.
    case mountTable = "mount_table"

    /// The largest legal size in bytes.
    ///
    /// An image: a v1 blob of one header page, at most 4 sigstruct pages and 496 module
    /// pages (501 pages) is the larger of the two formats (a v2 image is at most 498). A
    /// module binary: 496 pages. A sigstruct: 2048 bytes. A mapping file: 1 MiB (Intel's is
    /// 2 KiB). A mount table: 4 MiB (about 20,000 mounts).
    public var maximumSize: Int {
        switch self {
        case .image:
            return (1 + BlobV1Header.maxSigstructPages + ImageLayout.maxModulePages) * ImageLayout.pageSize
        case .moduleBinary: return ImageLayout.maxModulePages * ImageLayout.pageSize
        case .sigstruct: return SigStruct.size
        case .mappingFile: return 1 << 20
        case .mountTable: return 4 << 20
        }
    }

    /// "a module image", "a sigstruct", ...
    public var description: String {
        switch self {
        case .image: return "a module image"
        case .moduleBinary: return "a module binary"
        case .sigstruct: return "a sigstruct"
        case .mappingFile: return "mapping_file.json"
        case .mountTable: return "a mount table"
        }
    }
}
