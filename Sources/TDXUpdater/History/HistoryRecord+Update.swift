import Crypto
import Foundation
import TDXImage
import TDXSysfs

extension HistoryRecord {
    /// The record of one `update` run: its report, the catalog it chose from (for the
    /// image's hash and key), when it started and how long it took, and the host's name.
    /// The exit code is the one `tdxctl update` exits with for the report's result.
    public init(
        update report: UpdateReport, catalog: ImageCatalog, started: Date, duration: Duration, hostname: String?
    ) {
        let candidate = report.imagePath.flatMap { path in catalog.candidates.first { $0.path == path } }
        let key = candidate?.verification?.trustedKey
        let refusal: String?
        if case .refused(let reason) = report.result { refusal = reason.code } else { refusal = nil }
        let (seconds, attoseconds) = duration.components
        self.init(
            time: HistoryTime.format(started),
            hostname: hostname,
            versionBefore: report.versionBefore?.description,
            versionAfter: report.versionAfter?.value?.description,
            target: report.target?.description,
            image: report.imagePath.map { path in
                // The listing keeps summaries, not bytes: read the image again (proven the
                // one listed) to hash it as a whole.
                Image(path: path, sha384: (try? candidate?.reload()).map { Self.sha384Hex($0.bytes) })
            },
            trustedKey: key.map { TrustedKey(policy: $0.name, fingerprint: $0.fingerprint.hex) },
            result: report.result.name,
            refusal: refusal,
            exitCode: Int(ExitStatus(report.result).rawValue),
            durationSeconds: Double(seconds) + Double(attoseconds) / 1e18,
            message: report.message)
    }

    /// The host's name as its kernel reports it, nil when the file is absent (a copied root
    /// without it, the simulated host) or empty.
    public static func hostname(of files: some HostFiles) -> String? {
        guard let name = try? files.readText("/proc/sys/kernel/hostname"), !name.isEmpty else { return nil }
        return name
    }

    static func sha384Hex(_ bytes: [UInt8]) -> String {
        SHA384.hash(data: bytes).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 0x10 ? "0" + digits : digits
        }.joined()
    }
}
