import Foundation

/// The line `tdxctl host serve` prints once the host is mounted and serving (with
/// `--json`, this object): what a client or a test waits for before it starts.
struct ServeStartup: Encodable {
    let mount: String
    let layout: String
    let cpus: Int
    let tds: Int
    let moduleVersion: String?
    let updateSupport: Bool
    let pid: Int32

    enum CodingKeys: String, CodingKey {
        case mount, layout, cpus, tds, pid
        case moduleVersion = "module_version"
        case updateSupport = "update_support"
    }

    /// The object on one line, keys sorted.
    func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// "serving a simulated TDX host at DIR: mainline layout, 4 CPUs, 3 TDs, TDX module 1.5.06, pid 1234".
    var text: String {
        "serving a simulated TDX host at \(mount): \(layout) layout, \(cpus) CPUs, \(tds) TDs, TDX module "
            + "\(moduleVersion ?? "unreadable")\(updateSupport ? "" : " (no update support)"), pid \(pid); "
            + "stop with SIGINT or SIGTERM"
    }
}
