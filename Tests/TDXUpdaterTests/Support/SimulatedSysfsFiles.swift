import TDXHost

@testable import TDXUpdater

/// The updater's file protocol over the simulated host's in-memory sysfs (the same
/// adaptation `tdxctl simulate` makes), so the updater is tested against the real kernel
/// model, not only the fake.
struct SimulatedSysfsFiles: HostFiles {
    let sysfs: HostSysfs

    func read(_ path: String) throws(HostFileError) -> [UInt8] {
        do { return try sysfs.read(path) } catch { throw Self.convert(error, path) }
    }

    func write(_ path: String, _ bytes: [UInt8]) throws(HostFileError) {
        do { try sysfs.write(path, bytes) } catch { throw Self.convert(error, path) }
    }

    func exists(_ path: String) -> Bool { sysfs.exists(path) }

    func list(_ directory: String) throws(HostFileError) -> [String] {
        do { return try sysfs.list(directory) } catch { throw Self.convert(error, directory) }
    }

    private static func convert(_ error: SysfsError, _ path: String) -> HostFileError {
        HostFileError(path: path, errno: HostErrno(rawValue: error.errno), detail: error.description)
    }
}
