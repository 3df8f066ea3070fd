import TDXSysfs
import TDXUpdater

/// A command's whole interaction with the host under one deadline: every read and write
/// of the host's files goes through ``files``, which ends each access by ``deadline``.
struct HostSession {
    /// The deadline (and the operator's interruption) every access ends by.
    let deadline: HostDeadline
    /// The host's files, bounded by ``deadline``.
    let files: DeadlineHostFiles

    /// `files` under a deadline of `timeout` from now.
    init(_ files: any HostFiles, timeout: Duration) {
        deadline = HostDeadline(timeout: timeout)
        self.files = DeadlineHostFiles(files, deadline: deadline)
    }

    /// The message for a host that did not answer in time: which file, and how long was
    /// waited; nil when every access ended in time.
    var timeoutMessage: String? {
        deadline.timedOutPath.map {
            "the host did not answer within \(deadline.timeout): \($0) blocked; nothing was changed "
                + "(a stuck mount, a FIFO or a device in place of a sysfs file?)"
        }
    }
}
