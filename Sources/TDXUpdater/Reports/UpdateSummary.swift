import TDXImage

/// `tdxctl update` as data (the JSON of `--json`): the outcome, the versions before and
/// after, the image, the checks made, and the upload's progress.
public struct UpdateSummary: Encodable, Sendable {
    /// One status change of the upload.
    public struct Progress: Encodable, Sendable, Equatable {
        /// The `status` text ("transferring").
        public let status: String
        /// The `remaining_size` value, when readable.
        public let remainingSize: Int?
        /// Milliseconds since the image was handed over.
        public let elapsedMs: Double

        enum CodingKeys: String, CodingKey {
            case status
            case remainingSize = "remaining_size"
            case elapsedMs = "elapsed_ms"
        }

        /// Encodes every key, absent values as null, so consumers always see the same keys.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(remainingSize, forKey: .remainingSize)
            try container.encode(elapsedMs, forKey: .elapsedMs)
        }
    }

    /// An image passed over.
    public struct Skipped: Encodable, Sendable, Equatable {
        /// Its version, null when unknown.
        public let version: String?
        /// Where it is.
        public let path: String
        /// Why it was passed over.
        public let reason: String

        enum CodingKeys: String, CodingKey {
            case version, path, reason
        }

        /// Encodes every key, absent values as null, so consumers always see the same keys.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(version, forKey: .version)
            try container.encode(path, forKey: .path)
            try container.encode(reason, forKey: .reason)
        }
    }

    /// An upload a dead client left half done, found before this update's own.
    public struct Abandoned: Encodable, Sendable, Equatable {
        /// The `loading` file that read 1 while status was idle.
        public let path: String
        /// Whether it was aborted (false on a dry run).
        public let aborted: Bool
        /// What happened, for people.
        public let message: String
    }

    /// "completed", "dry_run", "refused", "failed_harmless", "failed_fatal", "timed_out",
    /// "no_tdx" or "error".
    public let result: String
    /// The exit status `tdxctl update` ends with for this result (``ExitStatus``).
    public let exitCode: Int32
    /// For refusals, the refusal's code ("no_remaining_updates", ...).
    public let refusal: String?
    /// For `no_tdx`, the reason's code ("no_tdx_host", ...).
    public let noTDX: String?
    /// For `error`, the error's code ("permission_denied", ...).
    public let error: String?
    /// One line: what happened and what to do next.
    public let message: String
    /// The running version before the update.
    public let versionBefore: String?
    /// The version read back afterwards, null when unreadable or not uploaded.
    public let versionAfter: String?
    /// Why the version could not be read back (ENXIO: module and TDs lost).
    public let versionAfterError: String?
    /// The version chosen for installation.
    public let target: String?
    /// The image file chosen.
    public let image: String?
    /// The format uploaded ("v2" on mainline).
    public let uploadFormat: String?
    /// The format the image was stored in, when it was converted.
    public let convertedFrom: String?
    /// Bytes uploaded.
    public let uploadBytes: Int?
    /// The firmware-upload `error` text, when the upload failed.
    public let uploadError: String?
    /// The checks that passed, in order: `{check, message}`.
    public let checks: [UpdateCheck]
    /// Newer images passed over, with why.
    public let skipped: [Skipped]
    /// Every status change seen during the upload.
    public let progress: [Progress]
    /// The abandoned upload found (and aborted) first, null when there was none.
    public let abandonedUpload: Abandoned?

    enum CodingKeys: String, CodingKey {
        case result, refusal, error, message, target, image, checks, skipped, progress
        case noTDX = "no_tdx"
        case exitCode = "exit_code"
        case versionBefore = "version_before"
        case versionAfter = "version_after"
        case versionAfterError = "version_after_error"
        case uploadFormat = "upload_format"
        case convertedFrom = "converted_from"
        case uploadBytes = "upload_bytes"
        case uploadError = "upload_error"
        case abandonedUpload = "abandoned_upload"
    }

    /// Encodes every key, absent values as null, so consumers always see the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(result, forKey: .result)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(refusal, forKey: .refusal)
        try container.encode(noTDX, forKey: .noTDX)
        try container.encode(error, forKey: .error)
        try container.encode(message, forKey: .message)
        try container.encode(versionBefore, forKey: .versionBefore)
        try container.encode(versionAfter, forKey: .versionAfter)
        try container.encode(versionAfterError, forKey: .versionAfterError)
        try container.encode(target, forKey: .target)
        try container.encode(image, forKey: .image)
        try container.encode(uploadFormat, forKey: .uploadFormat)
        try container.encode(convertedFrom, forKey: .convertedFrom)
        try container.encode(uploadBytes, forKey: .uploadBytes)
        try container.encode(uploadError, forKey: .uploadError)
        try container.encode(checks, forKey: .checks)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(progress, forKey: .progress)
        try container.encode(abandonedUpload, forKey: .abandonedUpload)
    }

    /// The summary of `report`.
    public init(_ report: UpdateReport) {
        result = report.result.name
        exitCode = ExitStatus(report.result).rawValue
        if case .refused(let refusal) = report.result { self.refusal = refusal.code } else { refusal = nil }
        if case .noTDX(let reason) = report.result { noTDX = reason.code } else { noTDX = nil }
        if case .error(let error) = report.result { self.error = error.code } else { error = nil }
        message = report.message
        versionBefore = report.versionBefore?.description
        versionAfter = report.versionAfter?.value?.description
        versionAfterError = report.versionAfter?.problem
        target = report.target?.description
        image = report.imagePath
        uploadFormat = report.uploadFormat?.rawValue
        convertedFrom = report.convertedFrom?.rawValue
        uploadBytes = report.uploadBytes
        if case .failed(let error, _)? = report.upload { uploadError = error.text } else { uploadError = nil }
        checks = report.checks
        skipped = report.skipped.map { Skipped(version: $0.version?.description, path: $0.path, reason: $0.reason) }
        progress = report.progress.map {
            Progress(status: $0.status.text, remainingSize: $0.remainingSize, elapsedMs: $0.elapsed.milliseconds)
        }
        abandonedUpload = report.abandonedUpload.map {
            Abandoned(path: $0.loadingPath, aborted: $0.aborted, message: $0.message)
        }
    }
}
