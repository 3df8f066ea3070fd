import TDXSysfs

/// Whether the firmware-upload files an update uses (`loading`, `data`, `status`,
/// `error`) are all there, usable, and idle: checked by `status`, `--dry-run` and before
/// every upload, so an incomplete interface is reported before anything is written.
public enum UploadInterfaceState: Hashable, Sendable, CustomStringConvertible {
    /// Every file is there and `status` reads idle.
    case ready
    /// A file is missing or not one the tool will use (a FIFO, a link, a directory, unreadable).
    case incomplete(HostFileError)
    /// `status` reads something other than idle: an upload is in progress.
    case busy(UploadStatus)

    /// The files an update needs, in the order they are checked.
    public static let requiredFiles: [HostPaths.UploadFile] = [.loading, .data, .status, .error]

    /// Checks the files of the upload device at `directory`; `status` is its `status`
    /// file as already read.
    static func check(
        _ files: any HostFiles, directory: String, status: AttributeReading<String>
    ) -> UploadInterfaceState {
        do {
            for file in [HostPaths.UploadFile.loading, .data] { try files.checkFile(directory + "/" + file.name) }
            let current: UploadStatus
            switch status {
            case .value(let text): current = UploadStatus(text: text)
            case .failed(let error): return .incomplete(error)
            case .malformed(let path, _): return .incomplete(HostFileError(path: path, errno: .invalidArgument))
            }
            // The kernel answers EBUSY for `error` while an upload runs.
            guard current == .idle else { return .busy(current) }
            _ = try files.read(directory + "/" + HostPaths.UploadFile.error.name)
            return .ready
        } catch  where error.errno == .resourceBusy {
            return .busy(.other("busy"))
        } catch {
            return .incomplete(error)
        }
    }

    /// "ready", "incomplete: PATH: ENOENT", "busy (status: receiving)".
    public var description: String {
        switch self {
        case .ready: return "ready"
        case .incomplete(let error): return "incomplete: \(error)"
        case .busy(let status): return "busy (status: \(ShownText.clean(status.text)))"
        }
    }
}
