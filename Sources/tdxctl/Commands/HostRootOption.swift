import ArgumentParser
import Foundation
import Logging
import TDXSysfs

/// `--root DIR`: the host whose files are read (and, for `update`, written).
struct HostRootOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The host's root directory: '/' for this machine, a served host's mount point, or a folder holding a copy of a host's proc/ and sys/.",
            valueName: "DIR"))
    var root: String = "/"

    /// The host's files, every access logged at debug level; a root that is no readable
    /// directory is the command's failure.
    func files(logger: Logger) throws(CommandFailure) -> any HostFiles {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(
                .rootUnreadable,
                "\(root) is not a directory; --root takes a host's root ('/' or a copy of proc/ and sys/)",
                file: root)
        }
        return LoggingHostFiles(RootDirectoryHostFiles(root: root), logger: logger)
    }
}
