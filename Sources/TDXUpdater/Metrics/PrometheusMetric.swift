/// One metric family in Prometheus's text exposition format (the format node_exporter's
/// textfile collector reads): its name, `# HELP` text, `# TYPE`, and its samples.
public struct PrometheusMetric: Sendable, Equatable {
    /// The `# TYPE` of a family.
    public enum Kind: String, Sendable {
        /// A value that goes up and down (a count left, a version's presence, a time).
        case gauge
    }

    /// One sample: label pairs in the order written, and the value.
    public struct Sample: Sendable, Equatable {
        /// The labels, `(name, value)`; values are escaped when written.
        public let labels: [Label]
        /// The sample's value.
        public let value: Double

        /// A sample.
        public init(labels: [Label] = [], value: Double) {
            self.labels = labels
            self.value = value
        }
    }

    /// A label: a name matching `[a-zA-Z_][a-zA-Z0-9_]*` and any UTF-8 value.
    public struct Label: Sendable, Equatable {
        /// The label's name.
        public let name: String
        /// The label's value, unescaped.
        public let value: String

        /// A label.
        public init(_ name: String, _ value: String) {
            precondition(PrometheusMetric.isValidName(name, colons: false), "invalid label name \(name)")
            self.name = name
            self.value = value
        }
    }

    /// The metric's name (`[a-zA-Z_:][a-zA-Z0-9_:]*`).
    public let name: String
    /// What the metric means, one line.
    public let help: String
    /// Its type.
    public let kind: Kind
    /// Its samples; a family without samples is not written at all.
    public let samples: [Sample]

    /// A family.
    public init(name: String, help: String, kind: Kind = .gauge, samples: [Sample]) {
        precondition(Self.isValidName(name, colons: true), "invalid metric name \(name)")
        self.name = name
        self.help = help
        self.kind = kind
        self.samples = samples
    }

    /// A family with one unlabelled sample.
    public init(name: String, help: String, kind: Kind = .gauge, value: Double) {
        self.init(name: name, help: help, kind: kind, samples: [Sample(value: value)])
    }

    /// Whether `name` is a valid metric name (`colons`) or label name.
    static func isValidName(_ name: String, colons: Bool) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
                || (colons && byte == UInt8(ascii: ":"))
        }
        let bytes = Array(name.utf8)
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
    }
}
