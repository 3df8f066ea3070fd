import TDXImage

/// An image the host was asked to install, parsed and verified once when it arrives, so
/// the prechecks and the firmware calls look at the same facts.
public struct UpdateImage: Sendable {
    /// The parsed image (either format).
    public let image: ModuleImage
    /// The module version the image carries (from the sigstruct).
    public let version: ModuleVersion
    /// The result of checksum, signature, module-hash and key-trust verification.
    public let verification: VerificationReport

    /// Wraps an image already parsed; `version` defaults to the sigstruct's.
    public init(image: ModuleImage, version: ModuleVersion, verification: VerificationReport) {
        self.image = image
        self.version = version
        self.verification = verification
    }

    /// Parses and verifies `bytes` against `trust`; a file that does not parse, or carries
    /// no version, is refused with the reason.
    public static func read(_ bytes: [UInt8], trusting trust: TrustPolicy) -> Result<UpdateImage, PrecheckFailure> {
        let image: ModuleImage
        do {
            image = try ModuleImage(parsing: bytes)
        } catch {
            return .failure(.imageInvalid(reason: "\(error)"))
        }
        guard let version = image.version() else {
            return .failure(.imageInvalid(reason: "the sigstruct carries no module version"))
        }
        return .success(UpdateImage(image: image, version: version, verification: image.verify(trusting: trust)))
    }

    /// The sigstruct's handoff version (what the module produces and consumes natively).
    public var moduleHV: UInt16 { image.sigstruct.moduleHV }
    /// The oldest handoff version the module accepts.
    public var minUpdateHV: UInt16 { image.sigstruct.minUpdateHV }
}
