import ArgumentParser
import TDXHost
import TDXImage

/// `--trust intel|test|FINGERPRINT`.
extension TrustPolicy: ExpressibleByArgument {
    /// The keys' names, as the option takes them ("intel").
    public var defaultValueDescription: String { keys.map(\.name).joined(separator: ",") }
}

/// `--format v1|v2`.
extension ImageFormat: ExpressibleByArgument {}

/// Versions such as `1.5.08`.
extension ModuleVersion: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }

    public var defaultValueDescription: String { description }
}

/// `--inject STEP:CPU[:STATUS]`.
extension StepFault: ExpressibleByArgument {
    public init?(argument: String) {
        guard let fault = try? StepFault(parsing: argument) else { return nil }
        self = fault
    }
}
