import TDXFirmware
import TDXImage

/// The firmware calls the host kernel makes, one method per SEAMCALL it issues, each on a
/// logical processor (LP = the CPU's index in the host).
///
/// The simulated host implements it over the `TDXFirmware` models (``ModelFirmware``);
/// every call returns the firmware's own status. Implementations must be safe to call from
/// many threads at once: the firmware decides what concurrent calls do.
public protocol HostFirmware: Sendable {
    /// TDH.SYS.RD of MODULE_HV.
    func readModuleHandoffVersion(lp: Int) -> Result<UInt16, SeamcallFailure>
    /// TDH.SYS.RD of the version fields.
    func readModuleVersion(lp: Int) -> Result<ModuleVersion, SeamcallFailure>
    /// TDH.SYS.RD of TDX_FEATURES0 bit 1 (TD-preserving update supported).
    func tdPreservingSupported(lp: Int) -> Bool
    /// TDH.SYS.SHUTDOWN with RCX = `handoffVersion`.
    func shutdown(lp: Int, handoffVersion: UInt16) -> SeamcallStatus
    /// Copies `image` into memory and builds the SEAMLDR_PARAMS page for it, as the kernel
    /// does before it stops the machine (not a SEAMCALL).
    func stage(_ image: UpdateImage)
    /// SEAMLDR.INSTALL of `image` in the update scenario.
    func install(lp: Int, image: UpdateImage) -> SeamcallStatus
    /// TDH.SYS.INIT with RCX = 0.
    func systemInit(lp: Int) -> SeamcallStatus
    /// TDH.SYS.LP.INIT.
    func lpInit(lp: Int) -> SeamcallStatus
    /// TDH.SYS.UPDATE.
    func update(lp: Int) -> SeamcallStatus
    /// SEAMLDR.INFO.
    func seamldrInfo(lp: Int) -> Result<SeamldrStatusInfo, SeamcallFailure>

    /// The number of TDs the firmware holds.
    var tdCount: Int { get }
    /// One guest-facing call of TD `td` (e.g. TDH.VP.ENTER until exit): how a TD makes
    /// progress. Fails once the module that runs the TD is gone.
    func runTD(_ td: Int, lp: Int) -> SeamcallStatus
    /// A digest of the TD's whole state (pages and vCPU state), to show it survived.
    func tdDigest(_ td: Int) -> [UInt8]
    /// The TDs whose build (MRTD accumulation) has not been finalized.
    func tdsInBuild() -> [Int]
}
