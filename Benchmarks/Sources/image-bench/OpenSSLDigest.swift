import BenchSupport
import Foundation

/// Times `openssl dgst -sha384` over a file, as an operator would run it.
struct OpenSSLDigest {
    let executable: URL
    let file: URL

    /// Finds `openssl` on PATH.
    init(file: URL) throws(BenchError) {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let found = path.split(separator: ":").map {
            URL(fileURLWithPath: String($0)).appendingPathComponent("openssl")
        }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        guard let found else { throw .input(path: "openssl", reason: "not found on PATH; install openssl") }
        executable = found
        self.file = file
    }

    /// The wall time of one `openssl dgst -sha384` that hashes the file `copies` times
    /// (one process, the file named `copies` times), in ns.
    func run(copies: Int) throws -> UInt64 {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["dgst", "-sha384"] + Array(repeating: file.path, count: copies)
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        let start = monotonicNs()
        try process.run()
        process.waitUntilExit()
        let elapsed = monotonicNs() - start
        guard process.terminationStatus == 0 else {
            let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw BenchError.tool(
                command: "openssl dgst -sha384 \(file.path)", status: process.terminationStatus, output: output)
        }
        return elapsed
    }
}
