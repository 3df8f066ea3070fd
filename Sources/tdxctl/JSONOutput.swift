import Foundation

/// Writes `value` to standard output as one pretty-printed JSON object with sorted keys.
/// Every `--json` flag of `tdxctl` goes through here so the output style is uniform.
func printJSON<Value: Encodable>(_ value: Value) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    print(String(decoding: data, as: UTF8.self))
}
