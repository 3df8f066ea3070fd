import TDXSysfs

/// A firmware upload that a client started and never finished (it died between writing
/// `loading` = 1 and `loading` = 0): `loading` still reads 1 while `status` is idle, with
/// part of an image in `data`. The updater aborts it (`loading` = -1) before its own
/// upload, so that nothing half-written can ever be handed to the kernel.
public struct AbandonedUpload: Sendable, Hashable {
    /// The `loading` file that read 1.
    public let loadingPath: String
    /// Whether the updater aborted it (false on a dry run, which changes nothing).
    public let aborted: Bool

    /// An abandoned upload found at `loadingPath`.
    public init(loadingPath: String, aborted: Bool) {
        self.loadingPath = loadingPath
        self.aborted = aborted
    }

    /// What happened, for people.
    public var message: String {
        let found = "a firmware upload left half done (\(loadingPath) read 1 while status was idle)"
        return aborted ? found + " was aborted (loading = -1)" : found + " would be aborted (dry run)"
    }
}

extension ModuleUpdater {
    /// Finds an abandoned upload in `firmwareDirectory` and, unless `dryRun`, aborts it.
    /// Nil when there is none (or the files cannot be read: the upload then reports why).
    func abortAbandonedUpload(in firmwareDirectory: String, dryRun: Bool) throws(UpdateStop) -> AbandonedUpload? {
        let loading = firmwareDirectory + "/" + HostPaths.UploadFile.loading.name
        let status = firmwareDirectory + "/" + HostPaths.UploadFile.status.name
        guard (try? files.readText(loading)) == "1",
            (try? files.readText(status)).map({ UploadStatus(text: $0) }) == .idle
        else { return nil }
        guard !dryRun else { return AbandonedUpload(loadingPath: loading, aborted: false) }
        do {
            try files.writeText(loading, "-1")
        } catch {
            throw .error(.abandonedUploadNotAborted(directory: firmwareDirectory, error))
        }
        return AbandonedUpload(loadingPath: loading, aborted: true)
    }
}
