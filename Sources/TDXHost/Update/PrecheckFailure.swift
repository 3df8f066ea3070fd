/// Why the host refused an image before stopping anything (docs/HOST.md, "The update").
///
/// Each refusal is harmless: nothing was stopped, the old module and every TD are as they
/// were. The message says what to do next.
public enum PrecheckFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The image does not parse or fails a verification check (checksum, signature,
    /// module hash).
    case imageInvalid(reason: String)
    /// The image is signed by a key the host does not trust.
    case untrustedKey(fingerprint: String)
    /// The host CPU's CPUID.1.EAX is not in the image's CPUID table.
    case cpuNotListed(cpuidEAX: UInt32, listed: [UInt32])
    /// The P-SEAMLDR cannot load this image.
    case seamldrIncompatible(seamldrVersion: String, reason: String)
    /// SEAMLDR.INFO reports no remaining updates (or the call failed).
    case noRemainingUpdates
    /// SEAMLDR.INFO failed.
    case seamldrInfoFailed(status: String)
    /// The module is not running (an earlier update failed fatally).
    case moduleNotRunning
    /// Major or minor version differ (a runtime update stays within a z-stream).
    case differentMajorMinor(running: String, image: String)
    /// The image is older than the running module.
    case olderVersion(running: String, image: String)
    /// The running module's handoff version is outside what the image accepts.
    case handoffIncompatible(runningModuleHV: UInt16, imageMinUpdateHV: UInt16, imageModuleHV: UInt16)
    /// Some CPUs are offline; the module requires every LP to take part.
    case cpusOffline([Int])
    /// A TD build is in progress (the TD-build erratum: its measurement could be corrupted).
    case tdBuildInProgress(tdIDs: [Int])

    /// A short stable identifier for scripts ("cpu_not_listed").
    public var code: String {
        switch self {
        case .imageInvalid: return "image_invalid"
        case .untrustedKey: return "untrusted_key"
        case .cpuNotListed: return "cpu_not_listed"
        case .seamldrIncompatible: return "seamldr_incompatible"
        case .noRemainingUpdates: return "no_remaining_updates"
        case .seamldrInfoFailed: return "seamldr_info_failed"
        case .moduleNotRunning: return "module_not_running"
        case .differentMajorMinor: return "different_major_minor"
        case .olderVersion: return "older_version"
        case .handoffIncompatible: return "handoff_incompatible"
        case .cpusOffline: return "cpus_offline"
        case .tdBuildInProgress: return "td_build_in_progress"
        }
    }

    public var description: String {
        switch self {
        case .imageInvalid(let reason):
            return "image rejected: \(reason); use an image that `tdxctl verify` accepts"
        case .untrustedKey(let fingerprint):
            return
                "image signed by an untrusted key (SHA-256 of modulus \(fingerprint)); use an image signed by a trusted key"
        case .cpuNotListed(let eax, let listed):
            let hex = { (value: UInt32) in "0x" + String(value, radix: 16) }
            return
                "this CPU (CPUID.1.EAX \(hex(eax))) is not in the image's CPUID table [\(listed.map(hex).joined(separator: ", "))]; pick an image built for this CPU"
        case .seamldrIncompatible(let version, let reason):
            return "P-SEAMLDR \(version) cannot load this image: \(reason)"
        case .noRemainingUpdates:
            return "num_remaining_updates is 0: P-SEAMLDR accepts no more runtime updates until reboot"
        case .seamldrInfoFailed(let status):
            return "SEAMLDR.INFO failed with \(status); the P-SEAMLDR cannot be asked whether an update is possible"
        case .moduleNotRunning:
            return "no TDX module is running (an earlier update failed); reboot to load one"
        case .differentMajorMinor(let running, let image):
            return
                "image \(image) is not in the running module's major.minor stream (\(running)); runtime updates stay within one major.minor"
        case .olderVersion(let running, let image):
            return "image \(image) is older than the running module \(running); downgrades are not supported"
        case .handoffIncompatible(let hv, let minHV, let maxHV):
            return
                "the running module hands off at version \(hv) but the image accepts [\(minHV), \(maxHV)]; pick an image that accepts handoff version \(hv)"
        case .cpusOffline(let cpus):
            return
                "CPUs \(cpus.map(String.init).joined(separator: ", ")) are offline; every CPU must take part in an update (bring them online first)"
        case .tdBuildInProgress(let ids):
            return
                "TD build in progress on TD \(ids.map(String.init).joined(separator: ", ")); wait until it is finalized (an update now could corrupt its measurement)"
        }
    }
}
