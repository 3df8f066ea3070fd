import TDXHost
import TDXUpdater

/// The JSON `tdxctl simulate --json` prints: under `update`, exactly the object
/// `tdxctl update --json` prints for the same run; beside it the exit status, the
/// versions asked for, and under `kernel` what only the simulated kernel knows.
struct SimulationOutput: Encodable {
    let update: UpdateSummary
    let exitCode: Int32
    let from: String
    let to: String
    let fromImage: String
    let kernel: KernelReport

    enum CodingKeys: String, CodingKey {
        case update, from, to, kernel
        case exitCode = "exit_code"
        case fromImage = "from_image"
    }

    init(_ result: Simulation.Result, from: String, to: String) {
        update = UpdateSummary(result.update)
        exitCode = result.exitStatus.rawValue
        self.from = from
        self.to = to
        fromImage = result.fromImage
        kernel = result.kernel
    }
}
