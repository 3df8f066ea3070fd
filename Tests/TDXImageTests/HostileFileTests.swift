import Foundation
import TDXImage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One file of an image folder in each hostile shape, read the bounded way.
@Suite("Bounded image-file reads: every hostile file ends quickly in a typed error naming it")
struct HostileFileTests {
    /// The mutations of `tdx_module_1.5.08.blob`, and what reading it must give.
    enum Expected: Sendable, Equatable {
        case errno(Int32)
        case notRegular(FileKind)
        case tooLarge
        /// Read (bounded), then refused by the parser.
        case parseError(String)
    }

    static let cases: [(String, Expected)] = [
        ("missing", .errno(ENOENT)),
        ("empty", .parseError("truncated")),
        ("junk", .parseError("version at offset 0x0")),
        ("huge sparse file", .tooLarge),
        ("a directory", .notRegular(.directory)),
        ("a FIFO", .notRegular(.fifo)),
        ("a symlink to a big file", .notRegular(.symbolicLink)),
        ("a symlink loop", .notRegular(.symbolicLink)),
        ("a device node", .notRegular(.characterDevice)),
    ]

    @Test("each mutation", arguments: cases)
    func mutation(_ name: String, _ expected: Expected) throws {
        let folder = try ScratchFolder()
        let path = folder.path + "/tdx_module_1.5.08.blob"
        guard try Self.mutate(name, at: path, in: folder) else { return }
        let start = ContinuousClock.now
        let outcome: Result<ModuleImage, ImageError>
        do {
            outcome = .success(try ModuleImage(contentsOf: path))
        } catch {
            outcome = .failure(error)
        }
        // Generous: a blocking open or a 200 MB read would take far longer or hang.
        #expect(ContinuousClock.now - start < .seconds(10), "\(name) took too long")
        guard case .failure(let error) = outcome else {
            Issue.record("\(name): read and parsed")
            return
        }
        switch (expected, error) {
        case (.errno(let code), .fileAccess(let failure)):
            #expect(failure.errno?.rawValue == code, "\(name): \(failure)")
            #expect(failure.path == path)
            #expect(error.description.contains(path))
        case (.notRegular(let kind), .fileAccess(let failure)):
            #expect(failure.problem == .notRegularFile(kind), "\(name): \(failure)")
            #expect(error.description.contains(path))
            #expect(error.description.contains(kind.description))
        case (.tooLarge, .fileAccess(let failure)):
            guard case .tooLarge(let size, let limit, .image) = failure.problem else {
                Issue.record("\(name): \(failure)")
                return
            }
            #expect(size == 200 << 20)
            #expect(limit == 501 * 4096)
            #expect(error.description.contains(path))
        case (.parseError(let text), _):
            #expect(error.description.contains(text), "\(name): \(error)")
        default:
            Issue.record("\(name): expected \(expected), got \(error)")
        }
        #expect(!error.description.contains("NSCocoaErrorDomain"))
        #expect(!error.description.contains("Error Domain"))
    }

    @Test("a sigstruct and a mapping file are capped at their own legal sizes")
    func roleLimits() throws {
        let folder = try ScratchFolder()
        let sigstruct = folder.path + "/x.sigstruct"
        try Data(count: 2049).write(to: URL(fileURLWithPath: sigstruct))
        #expect(throws: FileAccessError(path: sigstruct, problem: .tooLarge(size: 2049, limit: 2048, role: .sigstruct)))
        {
            try ImageFile.read(sigstruct, role: .sigstruct)
        }
        let module = folder.path + "/x.bin"
        try Data(count: 497 * 4096).write(to: URL(fileURLWithPath: module))
        #expect(throws: FileAccessError.self) { try ImageFile.read(module, role: .moduleBinary) }
        #expect(try ImageFile.read(module, role: .image).count == 497 * 4096)
        #expect(FileRole.mappingFile.maximumSize == 1 << 20)
    }

    @Test("an atomic write replaces a symlink instead of writing through it")
    func writeReplacesLink() throws {
        let folder = try ScratchFolder()
        let target = folder.path + "/target"
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: target))
        let link = folder.path + "/out.img"
        #expect(symlink(target, link) == 0)
        try ImageFile.write([9, 9], to: link)
        #expect(try ImageFile.read(link) == [9, 9])
        #expect(try ImageFile.read(target) == [1, 2, 3])
        #expect(throws: FileAccessError.self) { try ImageFile.write([1], to: folder.path + "/no/such/dir/x.img") }
    }

    /// Puts `name`'s mutation at `path`; false when this machine cannot make it (a device
    /// node without root: then /dev/null itself is read instead, checked here).
    static func mutate(_ name: String, at path: String, in folder: ScratchFolder) throws -> Bool {
        let url = URL(fileURLWithPath: path)
        switch name {
        case "missing":
            break
        case "empty":
            try Data().write(to: url)
        case "junk":
            try Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: url)
        case "huge sparse file":
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            #expect(truncate(path, 200 << 20) == 0)
        case "a directory":
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case "a FIFO":
            #expect(mkfifo(path, 0o600) == 0)
        case "a symlink to a big file":
            let big = folder.path + "/big"
            #expect(FileManager.default.createFile(atPath: big, contents: nil))
            #expect(truncate(big, 200 << 20) == 0)
            #expect(symlink(big, path) == 0)
        case "a symlink loop":
            #expect(symlink(path, path) == 0)
        case "a device node":
            // /dev/null is a character device on every Linux; with root, make one in the folder.
            if getuid() == 0 && mknod(path, S_IFCHR | 0o600, deviceNumber(1, 3)) == 0 { break }
            #expect(throws: FileAccessError(path: "/dev/null", problem: .notRegularFile(.characterDevice))) {
                try ImageFile.read("/dev/null")
            }
            return false
        default:
            Issue.record("unknown mutation \(name)")
            return false
        }
        return true
    }
}

/// A fresh temporary folder, removed on deinit.
final class ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("tdx-image-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Linux's device number for a small major and minor (1, 3 is /dev/null).
private func deviceNumber(_ major: UInt32, _ minor: UInt32) -> dev_t {
    dev_t(major) << 8 | dev_t(minor)
}
