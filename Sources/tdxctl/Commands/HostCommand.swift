import ArgumentParser

/// `tdxctl host`: the simulated host as something other programs use (`serve`).
struct HostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "host",
        abstract: "Run a simulated TDX host for other programs to drive.",
        subcommands: [HostServeCommand.self])
}
