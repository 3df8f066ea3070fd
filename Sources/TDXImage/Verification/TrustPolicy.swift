/// Which signing keys verification accepts. A valid signature by any other key is reported
/// as untrusted: anyone can sign a sigstruct, only the right key makes P-SEAMLDR accept it.
public struct TrustPolicy: Sendable, Hashable {
    /// The accepted keys.
    public var keys: [TrustedKey]

    /// Trusts exactly `keys`.
    public init(keys: [TrustedKey]) {
        self.keys = keys
    }

    /// Only Intel's production key: what real hardware accepts.
    public static let intel = TrustPolicy(keys: [.intel])
    /// Only this project's test key: what the simulated P-SEAMLDR accepts.
    public static let test = TrustPolicy(keys: [.test])

    /// Only the key with this fingerprint.
    public static func fingerprint(_ fingerprint: KeyFingerprint) -> TrustPolicy {
        TrustPolicy(keys: [TrustedKey(name: fingerprint.hex, fingerprint: fingerprint)])
    }

    /// Parses a command-line choice: `intel`, `test`, or 64 hex digits of a fingerprint.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "intel": self = .intel
        case "test": self = .test
        default:
            guard let fingerprint = KeyFingerprint(hex: argument) else { return nil }
            self = .fingerprint(fingerprint)
        }
    }

    /// The trusted key with this fingerprint, if any.
    public func key(for fingerprint: KeyFingerprint) -> TrustedKey? {
        keys.first { $0.fingerprint == fingerprint }
    }
}
