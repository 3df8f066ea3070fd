import TDXSysfs

extension ModuleUpdater {
    /// Whether the operator interrupted the update (its task was cancelled, or the
    /// command's deadline recorded a signal).
    var isInterrupted: Bool { Task.isCancelled || deadline?.interruption != nil }

    /// Takes the one-writer lock of ``lockRoot``, waiting for another holder within the
    /// command's deadline; nil when no lock is asked for.
    func takeLock(_ request: UpdateRequest) throws(UpdateStop) -> UpdateLock? {
        guard let lockRoot else { return nil }
        do {
            return try UpdateLock.acquire(
                forRoot: lockRoot, deadline: deadline ?? HostDeadline(timeout: request.timeout), onWait: onLockWait)
        } catch {
            switch error {
            case .held(let path, let pid, _): throw .refused(.lockHeld(path: path, pid: pid))
            case .interrupted(let signal): throw .refused(.interrupted(signal: signal, abort: .notNeeded))
            case .unusable: throw .error(.lockUnavailable(error.description))
            }
        }
    }

    /// The firmware-upload files must all be there, usable and idle (also for a dry run).
    func requireUploadInterface(_ status: HostStatus, into report: inout UpdateReport) throws(UpdateStop) {
        switch status.uploadInterface {
        case .ready:
            report.checks.append(
                UpdateCheck(
                    .uploadInterface,
                    "upload interface \(status.layout.firmwareDirectory ?? "?") complete (loading, data, status, "
                        + "error) and idle"))
        case .busy(let uploadStatus):
            throw .refused(.uploadBusy(uploadStatus))
        case .incomplete(let error):
            throw .refused(.uploadInterfaceIncomplete(error))
        case nil:
            throw .noTDX(.noUpdateSupport)
        }
    }

    /// Reads the host again just before `loading=1`: anything that changed since the
    /// checks (a CPU taken offline, another upload started, a new module) voids them.
    func recheck(_ report: UpdateReport) throws(UpdateStop) {
        guard let before = report.hostBefore else { return }
        let now = HostProbe(files: files).read()
        if isInterrupted { throw .refused(.interrupted(signal: deadline?.interruption, abort: .notNeeded)) }
        let changed = now.changedPaths(since: before)
        if !changed.isEmpty { throw .refused(.hostChanged(changed)) }
    }
}
