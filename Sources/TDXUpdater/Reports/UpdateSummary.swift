import TDXImage

/// `tdxctl update` as data (the JSON of `--json`): the outcome, the versions before and
/// after, the image, the checks made, and the upload's progress.
public struct UpdateSummary: Encodable, Sendable {
    /// One status change of the upload.
    public struct Progress: Encodable, Sendable, Equatable {
        public let status: String
        public let remainingSize: Int?
        public let elapsedMs: Double

        enum CodingKeys: String, CodingKey {
            case status
            case remainingSize = "remaining_size"
            case elapsedMs = "elapsed_ms"
        }
    }

    /// An image passed over.
    public struct Skipped: Encodable, Sendable, Equatable {
        public let version: String?
        public let path: String
        public let reason: String
    }

    /// "completed", "dry_run", "refused", "failed_harmless", "failed_fatal", "timed_out",
    /// "no_tdx" or "error".
    public let result: String
    /// For refusals, the refusal's code ("no_remaining_updates", ...).
    public let refusal: String?
    public let message: String
    public let versionBefore: String?
    public let versionAfter: String?
    public let versionAfterError: String?
    public let target: String?
    public let image: String?
    public let uploadFormat: String?
    public let convertedFrom: String?
    public let uploadBytes: Int?
    /// The firmware-upload `error` text, when the upload failed.
    public let uploadError: String?
    public let checks: [String]
    public let skipped: [Skipped]
    public let progress: [Progress]

    enum CodingKeys: String, CodingKey {
        case result, refusal, message, target, image, checks, skipped, progress
        case versionBefore = "version_before"
        case versionAfter = "version_after"
        case versionAfterError = "version_after_error"
        case uploadFormat = "upload_format"
        case convertedFrom = "converted_from"
        case uploadBytes = "upload_bytes"
        case uploadError = "upload_error"
    }

    /// The summary of `report`.
    public init(_ report: UpdateReport) {
        result = report.result.name
        if case .refused(let refusal) = report.result { self.refusal = refusal.code } else { refusal = nil }
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
    }
}

extension Duration {
    /// The duration in milliseconds (fractional).
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
