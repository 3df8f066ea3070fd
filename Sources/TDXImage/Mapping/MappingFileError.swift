/// Why `mapping_file.json` (or one of its release entries) could not be read.
public enum MappingFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file is not JSON, or not an object at the top level.
    case malformedJSON(detail: String)
    /// The top-level `tdx_module_releases` array is missing or not an array.
    case missingReleaseList
    /// A release entry (index `entry` in `tdx_module_releases`) lacks a required field.
    case missingField(entry: Int, field: String)
    /// A release entry's field holds a value of the wrong form.
    case invalidField(entry: Int, field: String, value: String, expected: String)
    /// Two entries name the same version.
    case duplicateVersion(ModuleVersion)

    public var description: String {
        switch self {
        case .malformedJSON(let detail):
            return "mapping_file.json is not valid JSON: \(detail)"
        case .missingReleaseList:
            return "mapping_file.json has no \"tdx_module_releases\" array"
        case .missingField(let entry, let field):
            return "mapping_file.json tdx_module_releases[\(entry)]: field \"\(field)\" is missing"
        case .invalidField(let entry, let field, let value, let expected):
            return
                "mapping_file.json tdx_module_releases[\(entry)]: field \"\(field)\" is \(value.debugDescription), expected \(expected)"
        case .duplicateVersion(let version):
            return "mapping_file.json lists version \(version) more than once; the later entry is ignored"
        }
    }
}
