import Foundation
import Glibc
import Testing

@testable import TDXUpdater

/// Every file of a host root, in both layouts, in every mutation (missing, empty, junk,
/// huge, a directory, a FIFO, a symlink loop, a symlink to a big file), through the real
/// `tdxctl status`, `list`, `update --dry-run` and `update`: each run ends quickly with the
/// expected exit code, names the file it had to give up on, shows no raw control characters
/// or Foundation text, and a command that refuses wrote nothing to `loading` or `data`.
@Suite(
    "Hostile host roots: every file, both layouts, every mutation, through tdxctl", .enabled(if: Tdxctl.path != nil),
    .timeLimit(.minutes(10)))
struct HostileRootTests {
    typealias Layout = HostileRoot.Layout
    typealias File = HostileRoot.File
    typealias Mutation = HostileRoot.Mutation

    /// One host root with one file mutated.
    struct Case: Sendable, CustomStringConvertible {
        let layout: Layout
        let file: File
        let mutation: Mutation

        var description: String { "\(layout) \(file.path(layout)) \(mutation)" }

        /// Whether the mutation leaves the file in a state the checks must reject: a file
        /// that is not a regular file where the tool looks at its kind, or content that
        /// makes no sense where the tool reads it.
        var faulty: Bool {
            if mutation.changesKind { return file.kindIsChecked }
            return file.contentIsChecked || (file == .error && mutation == .huge)
        }
    }

    /// The exit statuses of `status`, `list`, `update --dry-run` and `update` for a case.
    struct Expected: Equatable, CustomStringConvertible {
        let status: Int32
        let list: Int32
        let dryRun: Int32
        let update: Int32

        var description: String { "status \(status), list \(list), dry run \(dryRun), update \(update)" }
    }

    static let cases: [Case] = Layout.allCases.flatMap { layout in
        File.allCases.flatMap { file in Mutation.allCases.map { Case(layout: layout, file: file, mutation: $0) } }
    }

    /// The rule the table follows: `status` and `list` report (0, the host has TDX);
    /// an update refuses a faulty file (10), except an unreadable module version, which is an
    /// error (1); a file the checks do not read lets the update run: a plain directory is no
    /// kernel, so the version reads back unchanged (15), or, with junk in `error`, the
    /// kernel's "error" makes it a harmless failure (11).
    static func expected(_ item: Case) -> Expected {
        guard item.faulty else {
            let update: Int32 = item.file == .error && item.mutation == .junk ? 11 : 15
            return Expected(status: 0, list: 0, dryRun: 0, update: update)
        }
        let refusal: Int32 = item.file == .version ? 1 : 10
        return Expected(status: 0, list: 0, dryRun: refusal, update: refusal)
    }

    @Test("the expectation table covers 2 layouts x 12 files x 8 mutations, and refuses what it must")
    func table() {
        #expect(Self.cases.count == 2 * 12 * 8)
        let refusing = Self.cases.filter { Self.expected($0).update == 10 }
        #expect(refusing.count > 100)
        // Spot checks of the rule against the findings.
        #expect(Self.expected(Case(layout: .mainline, file: .status, mutation: .missing)).dryRun == 10)
        #expect(Self.expected(Case(layout: .mainline, file: .present, mutation: .empty)).update == 10)
        #expect(Self.expected(Case(layout: .legacy, file: .version, mutation: .fifo)).update == 1)
        #expect(Self.expected(Case(layout: .legacy, file: .cancel, mutation: .fifo)).update == 15)
    }

    @Test("every case through the real tdxctl")
    func throughTdxctl() async throws {
        let images = try GeneratedImageFolder(versions: ["1.5.08"])
        let imagesPath = images.path
        // Four cases at a time: each waits on its own thread for its child processes.
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = Self.cases[...]
            for _ in 0..<4 {
                guard let item = pending.popFirst() else { break }
                group.addTask { try await Self.run(item, images: imagesPath) }
            }
            while try await group.next() != nil {
                guard let item = pending.popFirst() else { continue }
                group.addTask { try await Self.run(item, images: imagesPath) }
            }
        }
        withExtendedLifetime(images) {}
    }

    /// Builds the root, mutates the file, and runs the four commands in turn.
    static func run(_ item: Case, images: String) async throws {
        let root = try TemporaryHostRoot(item.layout.description)
        try HostileRoot.apply(item.mutation, to: item.file.path(item.layout), under: root.path)
        let expected = Self.expected(item)
        let common = ["--root", root.path]
        let selection = ["--images", images, "--trust", "test"]
        let runs: [(String, [String], Int32)] = [
            ("status", ["status"] + common, expected.status),
            ("list", ["list"] + common + selection, expected.list),
            ("update --dry-run", ["update", "--dry-run", "--timeout", "2"] + common + selection, expected.dryRun),
            ("update", ["update", "--timeout", "2"] + common + selection, expected.update),
        ]
        let uploadFiles = [File.loading, .data].map { root.path + $0.path(item.layout) }
        for (name, arguments, status) in runs {
            let before = uploadFiles.map(HostileRoot.Snapshot.init)
            let start = ContinuousClock.now
            let run = try await Tdxctl.run(arguments)
            let elapsed = ContinuousClock.now - start
            let output = run.stdout + run.stderr
            let context = "\(item) \(name): exit \(run.status)\n\(output)"
            #expect(run.status == status, "\(context)")
            // --timeout 2 (status and list: 10 s); nothing here may block at all.
            #expect(elapsed < .seconds(20), "\(context)")
            if item.faulty && (name == "status" || name == "list" || status != 0) {
                let named =
                    output.contains(item.file.path(item.layout))
                    || (item.file == .status && !item.mutation.changesKind && output.contains("status: "))
                #expect(named, "the output does not name the file: \(context)")
            }
            #expect(!output.contains("\u{1B}") && !output.contains("\u{7}"), "raw control characters: \(context)")
            for foundation in ["NSCocoaErrorDomain", "Error Domain=", "The operation could not be completed"] {
                #expect(!output.contains(foundation), "Foundation's error text: \(context)")
            }
            if name != "update" || [1, 10, 20].contains(run.status) {
                let after = uploadFiles.map(HostileRoot.Snapshot.init)
                #expect(after == before, "loading/data changed (\(before) -> \(after)): \(context)")
            }
        }
    }
}
