import ArgumentParser
import Foundation
import Testing

@testable import tdxctl

/// Every command's help text, compared with the snapshot under `HelpSnapshots/`: a changed
/// option or description shows up in review. Refresh with
/// `UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshotTests`.
@Suite("help text snapshots")
struct HelpSnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("HelpSnapshots")

    static let commands: [(String, any ParsableCommand.Type)] = [
        ("tdxctl", Tdxctl.self), ("inspect", InspectCommand.self), ("verify", VerifyCommand.self),
        ("convert", ConvertCommand.self), ("join", JoinCommand.self), ("status", StatusCommand.self),
        ("list", ListCommand.self), ("update", UpdateCommand.self), ("history", HistoryCommand.self),
        ("simulate", SimulateCommand.self), ("host", HostCommand.self), ("host-serve", HostServeCommand.self),
    ]

    @Test("every command is snapshotted")
    func everyCommand() {
        let subcommands = Tdxctl.configuration.subcommands.map { $0.configuration.commandName ?? "" }
        let serve = HostCommand.configuration.subcommands.map { "host-" + ($0.configuration.commandName ?? "") }
        #expect(Set(subcommands + serve + ["tdxctl"]) == Set(Self.commands.map(\.0)))
    }

    @Test("help text matches the snapshot", arguments: commands.map(\.0))
    func snapshot(name: String) throws {
        let command = try #require(Self.commands.first { $0.0 == name }?.1)
        let help = Tdxctl.helpMessage(for: command, columns: 100) + "\n"
        let file = Self.folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try help.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(help == expected, "refresh with UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshotTests")
    }
}
