import Foundation
import SystemSupport
import TDXImage
import TDXSysfs

@testable import TDXHost

/// Images and hosts the tests share. Signing is the slow part, so each image is made once.
enum Fixtures {
    static let v1_5_06 = try! BuiltinImages.image(version: ModuleVersion(major: 1, minor: 5, update: 6))
    static let v1_5_08 = try! BuiltinImages.image(version: ModuleVersion(major: 1, minor: 5, update: 8))

    /// A host on `cpus` simulated CPUs running 1.5.06 with `tds` TDs (workloads not started).
    static func host(
        cpus: Int = 3, tds: Int = 3, configure: (inout HostConfiguration) -> Void = { _ in }
    ) throws -> SimulatedHost {
        var configuration = HostConfiguration()
        configuration.cpus = .simulated(count: cpus)
        configuration.tdCount = tds
        configuration.runningImage = v1_5_06
        configure(&configuration)
        return try SimulatedHost(configuration: configuration)
    }
}

extension SimulatedHost {
    /// The text of a sysfs file, or the errno name when the read fails.
    func sysfsText(_ path: String) -> String {
        do { return String(decoding: try sysfs.read(path), as: UTF8.self) } catch { return error.errno.name }
    }

    /// Uploads `image` through the firmware-upload files and waits until the core is idle.
    func upload(_ image: [UInt8]) throws {
        let directory = "/sys/class/firmware/tdx_module"
        try sysfs.writeText(directory + "/loading", "1")
        try sysfs.write(directory + "/data", image)
        try sysfs.writeText(directory + "/loading", "0")
        _ = sysfs.upload.waitUntilIdle(timeout: .seconds(120))
    }
}
