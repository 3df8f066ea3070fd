/// Choices about P-SEAMLDR behaviour that public sources leave open or that tests want to vary.
///
/// ``intel`` follows Intel's published P-SEAMLDR source (`seamldr_install`): non-last LPs only register,
/// the last LP checks and loads; the update count drops only on success. docs/FIRMWARE.md lists each choice.
public struct SeamldrPolicy: Hashable, Sendable {
    /// Where SEAMLDR.INSTALL validates params and the image.
    public enum CheckPoint: Hashable, Sendable {
        /// Only the last LP of the session checks (Intel's source): a bad image fails on the last LP only.
        case lastLP
        /// Every LP checks params and manifest before registering, so a bad image fails on the first LP;
        /// the verified image is cached by identity so only the first LP pays for RSA and SHA-384.
        case everyLP
    }

    /// How much cryptography an install does.
    public enum Verification: Hashable, Sendable {
        /// RSA-3072 signature and SHA-384 module hash, once per image identity (cached).
        case full
        /// Structure, key, SVN, CPU and handoff checks only; signature and hash are trusted. Makes firmware
        /// calls effectively free (benchmarks). Never use it to judge an image.
        case skipCryptography
    }

    /// Where checks run; default `.lastLP`.
    public var checkPoint: CheckPoint
    /// How much cryptography runs; default `.full`.
    public var verification: Verification
    /// Decrement `num_remaining_updates` on failed update installs too (Intel's source: no).
    public var failedInstallConsumesUpdate: Bool
    /// A second INSTALL on one LP within one session fails with `PSEAMLDR_EBADCALL` (Intel's source: yes).
    public var rejectRepeatedCallInSession: Bool
    /// Compare CPUID.1.EAX without the stepping (low 4 bits), as P-SEAMLDR and Intel's script do.
    public var ignoreStepping: Bool
    /// Status for an update whose SEAM SVN is lower than the running module's (Intel's source: EBADSIG,
    /// though its comment says EBADPARAM).
    public var lowerSVNStatus: SeamcallStatus
    /// Status a P-SEAMLDR call gets while another LP is inside P-SEAMLDR. Not in any public source; the model
    /// uses `TDX_SEAMCALL_VMFAILINVALID` (the SEAMCALL instruction fails to enter) by default.
    public var concurrentCallStatus: SeamcallStatus

    /// Creates a policy; defaults are ``intel``'s.
    public init(
        checkPoint: CheckPoint = .lastLP, verification: Verification = .full,
        failedInstallConsumesUpdate: Bool = false, rejectRepeatedCallInSession: Bool = true,
        ignoreStepping: Bool = true, lowerSVNStatus: SeamcallStatus = .seamldrBadSignature,
        concurrentCallStatus: SeamcallStatus = .vmFailInvalid
    ) {
        self.checkPoint = checkPoint
        self.verification = verification
        self.failedInstallConsumesUpdate = failedInstallConsumesUpdate
        self.rejectRepeatedCallInSession = rejectRepeatedCallInSession
        self.ignoreStepping = ignoreStepping
        self.lowerSVNStatus = lowerSVNStatus
        self.concurrentCallStatus = concurrentCallStatus
    }

    /// Intel's published P-SEAMLDR behaviour.
    public static let intel = SeamldrPolicy()

    /// Every check that costs nothing, no cryptography: for benchmarks of the update machinery.
    public static let free = SeamldrPolicy(verification: .skipCryptography)
}
