import BenchSupport
import Foundation

/// What image-bench measured; encodes to its JSON object (snake_case keys).
struct ImageBenchResult: Encodable {
    let file: String
    /// "intel" (a real Intel blob), "file" (--image) or "generated" (signed with the test key).
    let source: String
    let fileBytes: Int
    let moduleBytes: Int
    /// Medians by the wall clock, keyed by `OperationKind` raw values.
    let wallNs: [String: Double]
    /// Medians by CPU time (the thread's; the openssl child's for openssl rows).
    let cpuNs: [String: Double]
    let opensslCopiesPerProcess: Int
    let repetitions: Int
    let machine: Machine

    /// Ratios of verification to openssl, and the hash/non-hash split, from one set of medians.
    struct Derived: Encodable {
        let verifyWithReadToOpensslDgst: Double
        let verifyWithReadToOpensslPerFile: Double
        let sha384FileToOpensslPerFile: Double
        let nonHashNs: Double
        let hashShareOfVerify: Double

        init(_ values: [String: Double]) {
            func value(_ kind: OperationKind) -> Double { values[kind.rawValue] ?? .nan }
            verifyWithReadToOpensslDgst = value(.verifyWithRead) / value(.opensslDgst)
            verifyWithReadToOpensslPerFile = value(.verifyWithRead) / value(.opensslDgstPerFile)
            sha384FileToOpensslPerFile = value(.sha384File) / value(.opensslDgstPerFile)
            nonHashNs = value(.verify) - value(.sha384Module)
            hashShareOfVerify = value(.sha384Module) / value(.verify)
        }

        enum CodingKeys: String, CodingKey {
            case verifyWithReadToOpensslDgst = "ratio_verify_with_read_to_openssl_dgst"
            case verifyWithReadToOpensslPerFile = "ratio_verify_with_read_to_openssl_per_file"
            case sha384FileToOpensslPerFile = "ratio_sha384_file_to_openssl_per_file"
            case nonHashNs = "verify_minus_module_hash_ns"
            case hashShareOfVerify = "hash_share_of_verify"
        }
    }

    var wallDerived: Derived { Derived(wallNs) }
    var cpuDerived: Derived { Derived(cpuNs) }

    enum CodingKeys: String, CodingKey {
        case file, source, repetitions, machine
        case fileBytes = "file_bytes"
        case moduleBytes = "module_bytes"
        case wallNs = "wall_ns"
        case cpuNs = "cpu_ns"
        case wallDerived = "wall_derived"
        case cpuDerived = "cpu_derived"
        case opensslCopiesPerProcess = "openssl_copies_per_process"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(source, forKey: .source)
        try container.encode(fileBytes, forKey: .fileBytes)
        try container.encode(moduleBytes, forKey: .moduleBytes)
        try container.encode(wallNs, forKey: .wallNs)
        try container.encode(cpuNs, forKey: .cpuNs)
        try container.encode(wallDerived, forKey: .wallDerived)
        try container.encode(cpuDerived, forKey: .cpuDerived)
        try container.encode(opensslCopiesPerProcess, forKey: .opensslCopiesPerProcess)
        try container.encode(repetitions, forKey: .repetitions)
        try container.encode(machine, forKey: .machine)
    }

    func humanReport() -> String {
        let wallFloor = wallNs[OperationKind.opensslDgstPerFile.rawValue] ?? .nan
        let cpuFloor = cpuNs[OperationKind.opensslDgstPerFile.rawValue] ?? .nan
        var table = TextTable(header: [
            "operation", "wall", "x openssl/file", "CPU", "x openssl/file",
        ])
        for kind in OperationKind.allCases {
            let wall = wallNs[kind.rawValue] ?? .nan
            let cpu = cpuNs[kind.rawValue] ?? .nan
            table.append([
                kind.title, formatNs(wall), formatRatio(wall / wallFloor), formatNs(cpu), formatRatio(cpu / cpuFloor),
            ])
        }
        let wall = wallDerived
        let cpu = cpuDerived
        return [
            "image-bench: \(file) (\(source), \(fileBytes) bytes, module \(moduleBytes) bytes), "
                + "median of \(repetitions) repetitions",
            machine.summary, "", table.render(), "",
            "verify (read + parse + verify) vs one `openssl dgst -sha384` process: "
                + "\(formatRatio(wall.verifyWithReadToOpensslDgst)) wall, \(formatRatio(cpu.verifyWithReadToOpensslDgst)) CPU",
            "verify vs openssl's per-file hashing (process start amortised): "
                + "\(formatRatio(wall.verifyWithReadToOpensslPerFile)) wall, \(formatRatio(cpu.verifyWithReadToOpensslPerFile)) CPU",
            "verify minus the module hash (RSA-3072, sigstruct hash, checksum, parse): "
                + "\(formatNs(cpu.nonHashNs)) CPU; the hash is "
                + String(format: "%.0f%%", 100 * cpu.hashShareOfVerify) + " of verify (CPU time)",
        ].joined(separator: "\n")
    }
}
