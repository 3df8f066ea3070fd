import Foundation
import TDXHost
import TDXImage
import TDXSysfs
import TDXUpdater
import Testing

@testable import tdxctl

/// docs/UPDATER.md documents every JSON key the tool emits and every code it can print,
/// once; the project's docs stand alone.
@Suite("documentation matches the code")
struct DocumentationTests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let updaterDoc = try! String(
        contentsOf: package.appendingPathComponent("docs/UPDATER.md"), encoding: .utf8)

    /// Every key of `value` encoded as JSON, nested objects and arrays of objects included.
    static func keys(_ value: some Encodable) throws -> Set<String> {
        func collect(_ object: Any, into keys: inout Set<String>) {
            if let dictionary = object as? [String: Any] {
                for (key, nested) in dictionary {
                    keys.insert(key)
                    collect(nested, into: &keys)
                }
            } else if let array = object as? [Any] {
                array.forEach { collect($0, into: &keys) }
            }
        }
        var keys = Set<String>()
        collect(try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)), into: &keys)
        return keys
    }

    func expectDocumented(_ names: some Sequence<String>, _ what: String) {
        for name in names {
            #expect(Self.updaterDoc.contains("`\(name)`"), "docs/UPDATER.md does not name the \(what) `\(name)`")
        }
    }

    @Test("every key of simulate's, update's, status's, list's and a failure's JSON is in docs/UPDATER.md")
    func jsonKeys() async throws {
        var configuration = HostConfiguration()
        configuration.cpus = .simulated(count: 2)
        configuration.tdCount = 1
        let versions = [BuiltinImages.defaultFrom, BuiltinImages.defaultTo]
        let catalog = try SimulationCatalog.builtin(versions: versions)
        let result = try await Simulation(
            configuration: configuration, catalog: catalog, from: versions[0],
            request: UpdateRequest(version: versions[1], timeout: .seconds(30))
        ) { _ in }.run()
        expectDocumented(try Self.keys(SimulationOutput(result, from: "1.5.06", to: "1.5.08")), "key")
        var skipped = UpdateReport(result: .dryRun, message: "")
        skipped.skipped = [SkippedImage(version: nil, path: "", reason: "")]
        expectDocumented(try Self.keys(UpdateSummary(skipped)), "key")
        expectDocumented(try Self.keys(CommandFailure(.imageInvalid, "", file: nil)), "key")

        let host = try SimulatedHost(configuration: configuration)
        defer { host.shutdown() }
        let status = HostProbe(files: host.sysfs).read()
        expectDocumented(try Self.keys(StatusReport(status)), "key")
        expectDocumented(try Self.keys(ListReport(catalog: catalog, status: status, allowDebug: false)), "key")
    }

    @Test("every exit status, result, refusal, reason, check and error code is in docs/UPDATER.md")
    func codes() {
        expectDocumented(ExitStatus.allCases.map(\.name), "exit status")
        for status in ExitStatus.allCases {
            #expect(Self.updaterDoc.contains("| \(status.rawValue) | `\(status.name)` |"), "exit \(status)")
        }
        expectDocumented(UpdateResult.examples.map(\.name), "result")
        expectDocumented(UpdateRefusal.examples.map(\.code), "refusal")
        expectDocumented(NotSelectableReason.examples.map(\.code), "reason")
        expectDocumented(NoTDXReason.all.map(\.code), "no-TDX reason")
        expectDocumented(UpdateError.examples.map(\.code), "error")
        expectDocumented(UpdateCheck.Kind.allCases.map(\.rawValue), "check")
        expectDocumented(CommandFailure.Code.allCases.map(\.rawValue), "failure code")
        expectDocumented(UpdateOutcome.allCases.map(\.rawValue), "kernel outcome")
    }

    @Test("the docs stand alone: no reference to files the repository does not have")
    func standAlone() throws {
        let docs = Self.package.appendingPathComponent("docs")
        var files = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }
            .map { docs.appendingPathComponent($0) }
        files.append(Self.package.appendingPathComponent("README.md"))
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for banned in ["DESIGN.md", "the spec", "swift-notes", "../shared", "tdx-update-spec"] {
                #expect(!text.contains(banned), "\(file.lastPathComponent) mentions \(banned)")
            }
        }
    }
}
