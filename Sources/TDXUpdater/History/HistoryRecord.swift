/// One line of the update history: what one `tdxctl update` found, chose and ended with.
///
/// Written by `tdxctl update` for every run that reached a host (refusals included, dry runs
/// not: a dry run changes nothing, its journal included) and read back by `tdxctl history`
/// and `tdxctl status --format prometheus`. Encodes with snake_case keys, every key present
/// (unknown values as null), as one line of JSON.
public struct HistoryRecord: Codable, Sendable, Equatable {
    /// The image that was chosen: where it was and what it hashed to.
    public struct Image: Codable, Sendable, Equatable {
        /// The image file (the `.bin` of a `.bin` + `.sigstruct` pair).
        public let path: String
        /// SHA-384 of the image as read (for a pair: of the joined v2 image), 96 lowercase
        /// hex digits; null when the image could not be read.
        public let sha384: String?

        /// An image entry.
        public init(path: String, sha384: String?) {
            self.path = path
            self.sha384 = sha384
        }

        enum CodingKeys: String, CodingKey {
            case path, sha384
        }

        /// Encodes every key, absent values as null.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(path, forKey: .path)
            try container.encode(sha384, forKey: .sha384)
        }
    }

    /// The signing key that verified the chosen image.
    public struct TrustedKey: Codable, Sendable, Equatable {
        /// The trust policy's name for the key: "intel", "test", or the fingerprint given
        /// to `--trust`.
        public let policy: String
        /// SHA-256 of the key's modulus as stored, 64 hex digits.
        public let fingerprint: String

        /// A trusted-key entry.
        public init(policy: String, fingerprint: String) {
            self.policy = policy
            self.fingerprint = fingerprint
        }
    }

    /// When the update started, RFC 3339 in UTC with milliseconds ("2026-12-03T10:15:30.123Z").
    public let time: String
    /// The host's name (`/proc/sys/kernel/hostname` under the root), null when unreadable.
    public let hostname: String?
    /// The module version running before, null when unreadable.
    public let versionBefore: String?
    /// The module version read back after the upload, null when nothing was uploaded or it
    /// was unreadable.
    public let versionAfter: String?
    /// The version chosen for installation, null when none was.
    public let target: String?
    /// The image chosen, null when none was.
    public let image: Image?
    /// The key that verified the chosen image, null when none did.
    public let trustedKey: TrustedKey?
    /// How the update ended: the `result` of `tdxctl update --json` ("completed", "refused"...).
    public let result: String
    /// For refusals, the refusal's code ("no_candidate", ...); null otherwise.
    public let refusal: String?
    /// The exit status `tdxctl update` ended with.
    public let exitCode: Int
    /// Seconds the update took, from reading the images to the conclusion.
    public let durationSeconds: Double
    /// The update's one-line message.
    public let message: String

    /// A record from its fields.
    public init(
        time: String, hostname: String?, versionBefore: String?, versionAfter: String?, target: String?,
        image: Image?, trustedKey: TrustedKey?, result: String, refusal: String?, exitCode: Int,
        durationSeconds: Double, message: String
    ) {
        self.time = time
        self.hostname = hostname
        self.versionBefore = versionBefore
        self.versionAfter = versionAfter
        self.target = target
        self.image = image
        self.trustedKey = trustedKey
        self.result = result
        self.refusal = refusal
        self.exitCode = exitCode
        self.durationSeconds = durationSeconds
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case time, hostname, target, image, result, refusal, message
        case versionBefore = "version_before"
        case versionAfter = "version_after"
        case trustedKey = "trusted_key"
        case exitCode = "exit_code"
        case durationSeconds = "duration_s"
    }

    /// Encodes every key, absent values as null, so readers always see the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time, forKey: .time)
        try container.encode(hostname, forKey: .hostname)
        try container.encode(versionBefore, forKey: .versionBefore)
        try container.encode(versionAfter, forKey: .versionAfter)
        try container.encode(target, forKey: .target)
        try container.encode(image, forKey: .image)
        try container.encode(trustedKey, forKey: .trustedKey)
        try container.encode(result, forKey: .result)
        try container.encode(refusal, forKey: .refusal)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(message, forKey: .message)
    }
}
