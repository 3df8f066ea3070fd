import ArgumentParser
import SystemSupport

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

    /// Standard output is line-buffered even when it is a pipe, so an `ssh` session or an
    /// Ansible log sees each progress line as it happens, not all of them at exit.
    static func main() async {
        StandardOutput.lineBuffered()
        await main(nil)
    }
}
