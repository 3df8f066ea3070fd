/// Why `/proc/cpuinfo` could not be understood.
public enum CPUInfoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file has no "processor" block.
    case noProcessors
    /// CPU block `block` (0-based, in file order) lacks `field`.
    case missingField(block: Int, field: String)
    /// CPU block `block` holds `value` in `field`, which is not a valid number.
    case invalidField(block: Int, field: String, value: String)

    public var description: String {
        switch self {
        case .noProcessors:
            return "/proc/cpuinfo lists no processor"
        case .missingField(let block, let field):
            return "/proc/cpuinfo CPU block \(block): field \"\(field)\" is missing"
        case .invalidField(let block, let field, let value):
            return
                "/proc/cpuinfo CPU block \(block): field \"\(field)\" is \(value.debugDescription), expected a number"
        }
    }
}
