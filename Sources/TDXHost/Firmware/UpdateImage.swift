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

    /// Parses and verifies `bytes` against `trust`; a file that does not parse, is not a
    /// v2 image (mainline takes only v2; `acceptsV1` models the posted series that took
    /// Intel's v1 blobs as well), or carries no version (in its sigstruct or in
    /// `versionHints`) is refused with the reason.
    public static func read(
        _ bytes: [UInt8], trusting trust: TrustPolicy, versionHints: [String: ModuleVersion] = [:],
        acceptsV1: Bool = false
    ) -> Result<UpdateImage, PrecheckFailure> {
        let image: ModuleImage
        do {
            image = try ModuleImage(parsing: bytes)
        } catch {
            return .failure(.imageInvalid(reason: "\(error)"))
        }
        guard image.format == .v2 || acceptsV1 else {
            return .failure(
                .imageInvalid(
                    reason: "a v1 tdx_blob; the kernel takes only v2 tdx_image files (convert it with `tdxctl convert`)"
                ))
        }
        guard let version = image.version() ?? versionHints[hashKey(image)] else {
            return .failure(
                .imageInvalid(reason: "the sigstruct carries no module version and none was given for this image"))
        }
        return .success(UpdateImage(image: image, version: version, verification: image.verify(trusting: trust)))
    }

    /// The key of ``KernelConfiguration/versionHints`` for `image`: its sigstruct's
    /// module hash (SEAMHASH) in lowercase hex.
    public static func hashKey(_ image: ModuleImage) -> String {
        image.sigstruct.seamHash.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The sigstruct's handoff version (what the module produces and consumes natively).
    public var moduleHV: UInt16 { image.sigstruct.moduleHV }
    /// The oldest handoff version the module accepts.
    public var minUpdateHV: UInt16 { image.sigstruct.minUpdateHV }
}
