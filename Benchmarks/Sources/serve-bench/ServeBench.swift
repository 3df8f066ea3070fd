import ArgumentParser
import BenchSupport
import Foundation

/// The served host's cost: the same operations through the FUSE mount, in process on the
/// simulated host's files, and (for plain file operations) on a tmpfs file.
@main
struct ServeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve-bench",
        abstract: "A version read, a 600 KiB data write and a whole update: mount vs in process vs tmpfs.",
        discussion: """
            Mounts a simulated host (this machine's CPUs, 2 TDs at 1,000 SEAMCALLs a second, as \
            `tdxctl host serve` runs them) with the served host's own code, in this process, and \
            drives it through the mount with open/read/write/close, as any client would. Each \
            operation is timed on its own; the three ways take turns operation by operation so that \
            they see the same load. "reread an open file" reads `status` (tmpfs: the version file) \
            at offset 0 through a descriptor held open: through the mount that is one FUSE request, \
            the least any request costs, where a version read pays for one more (the open; its \
            reads come from the kernel's page cache). The open(2) and close(2) of `version` are also \
            timed alone (close sends the served host an asynchronous RELEASE). Needs the FUSE trait: \
            swift run -c release --package-path Benchmarks --traits FUSE serve-bench.
            """)

    @Option(help: "Directory for the tmpfs baseline file (must be on tmpfs).")
    var tmpfs = "/dev/shm"

    @Option(help: "Version reads per way, and as many rereads of an open file.")
    var reads = 20_000

    @Option(help: "600 KiB data writes per way.")
    var writes = 200

    @Option(help: "Whole updates per way.")
    var updates = 40

    @Option(help: "Simulated CPUs of the host (0: this machine's online CPUs, pinned, as `tdxctl host serve`).")
    var cpus = 0

    @Option(help: "Microseconds a client sleeps between two reads of status (0: it only yields).")
    var pollInterval = 20

    @Option(
        help: ArgumentHelp(
            "Serve the mount from `TDXCTL host serve`, a process of its own as clients meet it (a tdxctl built "
                + "with the FUSE trait), instead of in this process.", valueName: "TDXCTL"))
    var servedBy: String?

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        #if FUSE
            let result = try ServeMeasurement(
                tmpfsDirectory: tmpfs, reads: reads, writes: writes, updates: updates, cpus: cpus,
                pollIntervalUs: pollInterval, servedBy: servedBy
            ).run { line in
                if !json { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(result), as: UTF8.self))
            } else {
                print(result.render())
            }
        #else
            throw ValidationError("serve-bench needs the FUSE trait: swift run -c release --traits FUSE serve-bench")
        #endif
    }
}
