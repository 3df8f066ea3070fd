import ArgumentParser
import BenchSupport
import Crypto
import Foundation

/// Measures verifying a module image with TDXImage against `openssl dgst -sha384` over
/// the same file, and SHA-384 alone, to split hash time from RSA and parsing time.
@main
struct ImageBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image-bench",
        abstract: "Image verification (TDXImage) vs openssl dgst -sha384 over the same file.",
        discussion: """
            Uses the largest real Intel blob found under shared/data/intel-tdx-module-binaries \
            (or TDX_MODULE_BINARIES, or --image); without one, generates and signs a 600 KiB image. \
            Every operation is timed twice, by the wall clock and by CPU time (the thread's, or \
            the openssl child's), so a loaded machine shows in the first but hardly in the second.
            """)

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Flag(help: "Short repetitions (3 x ~15 ms) for a smoke run; numbers are noisier.")
    var quick = false

    @Option(help: "Image file to verify instead of the largest Intel blob.")
    var image: String?

    @Flag(help: "Generate and sign a 600 KiB image even when Intel blobs are present.")
    var generated = false

    func run() throws {
        let plan: MeasurementPlan = quick ? .quick : .full
        let machine = Machine.current()
        let subject = try ImageUnderTest.locate(explicitPath: image, forceGenerated: generated)
        defer { subject.cleanUp() }
        try subject.checkVerifies()
        let openssl = try OpenSSLDigest(file: subject.file)
        let bytes = subject.bytes
        let module = try subject.moduleBytes()
        let copies = 32

        let operations: [Operation] = [
            Operation(.verify, clock: .thread) { try subject.verifyInMemory() },
            Operation(.verifyWithRead, clock: .thread) { try subject.verifyFromFile() },
            Operation(.sha384File, clock: .thread) { blackHole(SHA384.hash(data: bytes)) },
            Operation(.sha384Module, clock: .thread) { blackHole(SHA384.hash(data: module)) },
            Operation(.opensslDgst, clock: .children) { _ = try openssl.run(copies: 1) },
            Operation(.opensslDgstPerFile, clock: .children, perCall: copies) { _ = try openssl.run(copies: copies) },
        ]
        let contenders = operations.flatMap { [$0.contender(cpu: false), $0.contender(cpu: true)] }
        let samples = try plan.measureInterleaved(contenders)
        var wall: [String: Double] = [:]
        var cpu: [String: Double] = [:]
        for (index, operation) in operations.enumerated() {
            wall[operation.kind.rawValue] = samples[2 * index].median
            cpu[operation.kind.rawValue] = samples[2 * index + 1].median
        }
        let result = ImageBenchResult(
            file: subject.file.lastPathComponent, source: subject.source, fileBytes: bytes.count,
            moduleBytes: module.count, wallNs: wall, cpuNs: cpu, opensslCopiesPerProcess: copies,
            repetitions: plan.repetitions, machine: machine.finished())
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print(result.humanReport())
        }
    }
}

/// What is timed; the raw values are the JSON keys.
enum OperationKind: String, CaseIterable {
    case verify = "verify_ns"
    case verifyWithRead = "verify_with_read_ns"
    case sha384File = "sha384_file_ns"
    case sha384Module = "sha384_module_ns"
    case opensslDgst = "openssl_dgst_ns"
    case opensslDgstPerFile = "openssl_dgst_per_file_ns"

    var title: String {
        switch self {
        case .verify: "TDXImage parse + verify (bytes in memory)"
        case .verifyWithRead: "TDXImage read file + parse + verify"
        case .sha384File: "SHA-384 of the whole file (swift-crypto)"
        case .sha384Module: "SHA-384 of the module part (what verify hashes)"
        case .opensslDgst: "openssl dgst -sha384 FILE (one process)"
        case .opensslDgstPerFile: "openssl dgst -sha384, per file (32 per process)"
        }
    }
}

/// Which clock charges an operation's CPU cost: this thread, or the child processes.
enum CPUClock { case thread, children }

/// One timed operation, measurable by wall clock or by CPU time.
struct Operation {
    let kind: OperationKind
    let clock: CPUClock
    /// Units of work per call (files hashed by one openssl process).
    let perCall: Int
    let body: () throws -> Void

    init(_ kind: OperationKind, clock: CPUClock, perCall: Int = 1, body: @escaping () throws -> Void) {
        self.kind = kind
        self.clock = clock
        self.perCall = perCall
        self.body = body
    }

    /// A contender that performs `count` calls and returns ns per unit of work.
    func contender(cpu: Bool) -> Contender {
        let read: @Sendable () -> UInt64
        switch (cpu, clock) {
        case (false, _): read = { monotonicNs() }
        case (true, .thread): read = { threadCPUNs() }
        case (true, .children): read = { childrenCPUNs() }
        }
        let body = self.body
        let perCall = Double(self.perCall)
        return Contender(kind.rawValue + (cpu ? ".cpu" : ""), minimum: 1) { count in
            let start = read()
            for _ in 0..<count { try body() }
            return Double(read() - start) / Double(count) / perCall
        }
    }
}

/// Keeps a value alive so the optimizer cannot drop the work that produced it.
@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
