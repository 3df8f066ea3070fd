import Foundation
import SystemPackage
import TDXSysfs
import Testing

/// A folder standing for a host's "/", removed when the value goes.
private final class TemporaryRoot {
    let path: String

    init(files: [String: String]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("tdxsysfs-\(UUID().uuidString)").path
        for (relative, content) in files {
            let url = URL(fileURLWithPath: path + relative)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("Host files: a real root directory, errno values, the layouts")
struct HostFilesTests {
    @Test("a root directory reads, writes existing files only, lists, and reports the errno")
    func rootDirectory() throws {
        let root = try TemporaryRoot(files: [
            HostPaths.moduleVersion: "1.5.06\n", HostPaths.seamldrVersion: "2.0.00\n",
            "/sys/class/firmware/tdx_module/loading": "0\n",
        ])
        let files = RootDirectoryHostFiles(root: root.path + "/")
        #expect(try files.readText(HostPaths.moduleVersion) == "1.5.06")
        try files.writeText("/sys/class/firmware/tdx_module/loading", "1")
        #expect(try files.read("/sys/class/firmware/tdx_module/loading") == Array("1".utf8))
        #expect(try files.list(HostPaths.tdxHost) == ["seamldr_version", "version"])
        #expect(files.exists(HostPaths.tdxHost))
        #expect(!files.exists(HostPaths.remainingUpdates))
        #expect(throws: HostFileError(path: "/sys/nope", errno: .noSuchFileOrDirectory)) {
            try files.write("/sys/nope", [1])
        }
        let directoryRead = #expect(throws: HostFileError.self) { try files.read(HostPaths.tdxHost) }
        #expect(directoryRead?.path == HostPaths.tdxHost && directoryRead?.errno == .isDirectory)
        #expect(throws: HostFileError(path: HostPaths.moduleVersion, errno: .notDirectory)) {
            try files.list(HostPaths.moduleVersion)
        }
        #expect(RootDirectoryHostFiles(root: "/tmp/x/").resolve("/proc/cpuinfo") == "/tmp/x/proc/cpuinfo")
        #expect(RootDirectoryHostFiles().resolve("/proc/cpuinfo") == "/proc/cpuinfo")
    }

    @Test("an error names the path and the errno by its C name, then the detail")
    func errorText() {
        let lost = HostFileError(path: HostPaths.moduleVersion, errno: .noSuchAddressOrDevice)
        #expect(lost.description == "/sys/devices/faux/tdx_host/version: ENXIO")
        let busy = HostFileError(path: "loading", errno: .resourceBusy, detail: "an upload is in progress")
        #expect(
            busy.at("/sys/class/firmware/tdx_module/loading").description
                == "/sys/class/firmware/tdx_module/loading: EBUSY: an upload is in progress")
    }

    @Test(
        "the upload status and error strings are the kernel's, one enum each",
        arguments: ["idle", "receiving", "preparing", "transferring", "programming"])
    func statusStrings(text: String) {
        #expect(UploadStatus(text: text).text == text)
        #expect(UploadStatus.known.contains(UploadStatus(text: text)))
    }

    @Test("the error attribute parses into its phase and error, and prints back")
    func uploadFailure() throws {
        #expect(UploadFailure(text: "") == nil)
        let failure = try #require(UploadFailure(text: "transferring:firmware-invalid"))
        #expect(failure == UploadFailure(phase: .transferring, error: .firmwareInvalid))
        #expect(failure.text == "transferring:firmware-invalid")
        #expect(UploadFailure(text: "programming:hw-error")?.error == .hardwareError)
        #expect(UploadFailure(text: "odd")?.error == .other("odd"))
        for error in UploadError.known { #expect(UploadError(text: error.text) == error) }
        #expect(Set(UploadError.known.map(\.text)).count == UploadError.known.count)
    }

    @Test("each layout puts the P-SEAMLDR attributes and the upload device where its kernel did")
    func layouts() throws {
        #expect(SysfsLayout.mainline.seamldrVersionPath == "/sys/devices/faux/tdx_host/seamldr_version")
        #expect(SysfsLayout.mainline.uploadPath(.status) == "/sys/class/firmware/tdx_module/status")
        #expect(
            SysfsLayout.mainline.deviceFirmwareDirectory == "/sys/devices/faux/tdx_host/firmware/tdx_module")
        #expect(!SysfsLayout.mainline.takesV1Blobs)
        #expect(SysfsLayout.legacy.remainingUpdatesPath == "/sys/devices/faux/tdx_host/seamldr/num_remaining_updates")
        #expect(SysfsLayout.legacy.uploadPath(.loading) == "/sys/class/firmware/seamldr_upload/loading")
        #expect(SysfsLayout.legacy.takesV1Blobs)
        #expect(SysfsLayout.seriesV4.takesV1Blobs)

        for layout in [SysfsLayout.mainline, .seriesV4, .legacy] {
            var files: [String: String] = [HostPaths.moduleVersion: "1.5.06\n"]
            files[try #require(layout.seamldrVersionPath)] = "2.0.00\n"
            files[try #require(layout.uploadPath(.status))] = "idle\n"
            let root = try TemporaryRoot(files: files)
            #expect(SysfsLayout.detect(in: RootDirectoryHostFiles(root: root.path)) == layout)
        }
        let bare = try TemporaryRoot(files: [HostPaths.moduleVersion: "1.5.06\n"])
        let none = SysfsLayout.detect(in: RootDirectoryHostFiles(root: bare.path))
        #expect(!none.supportsUpdates && none.loaderAttributes == .absent)
    }
}
