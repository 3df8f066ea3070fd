import ArgumentParser
import Logging
import SystemPackage
import SystemSupport
import TDXSysfs

/// `--root DIR`: the host whose files are read (and, for `update`, written).
struct HostRootOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The host's root directory: '/' for this machine, a served host's mount point, or a folder holding a copy of a host's proc/ and sys/.",
            valueName: "DIR"))
    var root: String = "/"

    /// The host's files, every access logged at debug level; a root that does not exist
    /// (`root_missing`) or is no directory (`root_unreadable`) is the command's failure,
    /// never "no TDX".
    func files(logger: Logger) throws(CommandFailure) -> any HostFiles {
        let status: Stat
        do {
            status = try Stat(FilePath(root))
        } catch .noSuchFileOrDirectory {
            throw CommandFailure(
                .rootMissing,
                "--root \(root) does not exist (ENOENT); give a host's root: '/' or a copy of proc/ and sys/",
                file: root)
        } catch {
            throw CommandFailure(.rootUnreadable, "cannot use --root \(root): \(error.nameAndText)", file: root)
        }
        guard status.type == .directory else {
            throw CommandFailure(
                .rootUnreadable,
                "\(root) is not a directory; --root takes a host's root ('/' or a copy of proc/ and sys/)",
                file: root)
        }
        return LoggingHostFiles(RootDirectoryHostFiles(root: root), logger: logger)
    }

}
