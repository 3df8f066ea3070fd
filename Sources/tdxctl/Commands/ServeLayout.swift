import ArgumentParser
import TDXSysfs

/// `--layout`: the kernel generations a served host can present.
enum ServeLayout: String, ExpressibleByArgument, CaseIterable {
    /// Linux 7.2.
    case mainline
    /// Series v3, the paths Intel's script uses.
    case legacy

    var sysfsLayout: SysfsLayout {
        switch self {
        case .mainline: return .mainline
        case .legacy: return .legacy
        }
    }
}
