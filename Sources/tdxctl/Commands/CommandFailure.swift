import ArgumentParser
import TDXHost
import TDXImage
import TDXUpdater

/// A command's runtime failure (not a usage error): with `--json`, one object on standard
/// output, `{"error": code, "message", "exit_code", "file"}`, so scripts never parse prose.
struct CommandFailure: Error, Encodable {
    /// A stable snake_case code.
    let code: Code
    /// What went wrong and what to do next.
    let message: String
    /// The exit status the command ends with.
    let exitStatus: ExitStatus
    /// The file involved, when there is one.
    let file: String?

    /// The failure codes of every command.
    enum Code: String, CaseIterable, Encodable {
        /// An image file is missing, unreadable, or not a well-formed image.
        case imageInvalid = "image_invalid"
        /// The images folder (or its named mapping file) cannot be used.
        case catalogUnusable = "catalog_unusable"
        /// `--root` names nothing: the folder does not exist.
        case rootMissing = "root_missing"
        /// `--root` names no readable directory.
        case rootUnreadable = "root_unreadable"
        /// The simulated host could not be built.
        case hostUnusable = "host_unusable"
        /// `simulate` found no image of the version the host is to run.
        case imageNotFound = "image_not_found"
        /// `host serve` could not mount the host's files (no /dev/fuse, not a directory...).
        case mountFailed = "mount_failed"
        /// A file could not be written.
        case writeFailed = "write_failed"
        /// The update history exists but cannot be read.
        case historyUnreadable = "history_unreadable"
    }

    init(_ code: Code, _ message: String, exitStatus: ExitStatus = .error, file: String? = nil) {
        self.code = code
        self.message = message
        self.exitStatus = exitStatus
        self.file = file
    }

    /// An image that could not be read or parsed.
    init(imageError error: any Error, file: String?) {
        self.init(.imageInvalid, (error as? ImageError)?.description ?? "\(error)", file: file)
    }

    enum CodingKeys: String, CodingKey {
        case code = "error"
        case message, file
        case exitStatus = "exit_code"
    }

    /// Encodes every key, `file` as null when there is none.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(message, forKey: .message)
        try container.encode(exitStatus.rawValue, forKey: .exitStatus)
        try container.encode(file, forKey: .file)
    }
}
