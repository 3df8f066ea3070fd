import Crypto
import Foundation
import TDXImage
import TDXSysfs
import TDXUpdater

#if canImport(Glibc)
    import Glibc
#endif

/// What one child process measured of its own work: the time of the work alone and the
/// process's peak resident set (`ru_maxrss`), which includes the Swift runtime.
struct ChildResult: Codable {
    let mode: String
    let wallNs: Double
    /// User plus system CPU time of the whole process (start-up included).
    let cpuNs: Double
    let maxRSSKiB: Int
    let images: Int
    let selected: String?

    enum CodingKeys: String, CodingKey {
        case mode, images, selected
        case wallNs = "wall_ns"
        case cpuNs = "cpu_ns"
        case maxRSSKiB = "max_rss_kib"
    }
}

/// The two kinds of work a child does, once each run.
enum ChildMode: String, CaseIterable {
    /// `tdxctl list`'s work: walk, read, parse, verify (Intel's key), summarise, check
    /// version claims, judge for a host running 1.5.06.
    case list
    /// The floor: read every image file (bounded) and SHA-384 it, nothing else.
    case readAndHash = "read_and_hash"

    func run(folder: String) throws -> ChildResult {
        let start = ContinuousClock.now
        var images = 0
        var selected: String?
        switch self {
        case .list:
            let catalog = try ImageCatalog(directory: folder, trust: .intel)
            let context = SelectionContext(
                runningVersion: .value(ModuleVersion(major: 1, minor: 5, update: 6)),
                seamldrVersion: .value(ModuleVersion(major: 1, minor: 5, update: 0)),
                cpuSignatures: .value([CPUIDSignature(rawValue: 0x806F8)]), allowDebug: false)
            let assessed = ImageSelector.assessAll(catalog.candidates, in: context)
            images = assessed.count
            selected = assessed.first(where: \.selected)?.version?.description
        case .readAndHash:
            let walk = try ImageFolderWalk(directory: folder)
            for file in walk.files where file.path.hasSuffix(".blob") {
                let bytes = try ImageFile.read(file.path)
                withExtendedLifetime(SHA384.hash(data: bytes)) {}
                images += 1
            }
        }
        let elapsed = ContinuousClock.now - start
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        let cpu = nanoseconds(usage.ru_utime) + nanoseconds(usage.ru_stime)
        return ChildResult(
            mode: rawValue, wallNs: ns, cpuNs: cpu, maxRSSKiB: Int(usage.ru_maxrss), images: images,
            selected: selected)
    }
}

private func nanoseconds(_ time: timeval) -> Double {
    let seconds = Double(time.tv_sec)
    let micros = Double(time.tv_usec)
    return seconds * 1e9 + micros * 1e3
}
