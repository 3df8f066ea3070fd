import ArgumentParser

/// `tdxctl`: inspect, verify and convert TDX module images, and update the running TDX
/// module on a real host (through sysfs) or on the simulated host.
@main
struct Tdxctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tdxctl",
        abstract: "Runtime (TD-preserving) updates of the Intel TDX module.",
        subcommands: [
            InspectCommand.self, VerifyCommand.self, ConvertCommand.self, JoinCommand.self, StatusCommand.self,
            ListCommand.self, UpdateCommand.self, HistoryCommand.self, SimulateCommand.self, HostCommand.self,
        ]
    )
}
