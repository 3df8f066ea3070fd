import TDXFirmware
import TDXImage
import Testing

/// Shared builders for firmware tests: signed images and booted platforms.
enum Fixtures {
    static let signer = TestImageSigner()
    /// CPUID.1.EAX of the simulated LPs (Sapphire Rapids, listed by 1.5.x images).
    static let cpuid: UInt32 = 0x806F8

    static func image(
        update: Int = 6, svn: UInt16? = nil, cpuidTable: [UInt32] = [0x806F8, 0xC06F0], moduleHV: UInt16 = 0,
        minUpdateHV: UInt16 = 0, noDowngrade: Bool = false, debug: Bool = false
    ) throws -> ModuleImage {
        try signer.makeImage(
            version: ModuleVersion(major: 1, minor: 5, update: update), svn: svn, cpuidTable: cpuidTable,
            moduleHV: moduleHV, minUpdateHV: minUpdateHV, noDowngrade: noDowngrade, debug: debug, modulePages: 2)
    }

    static func platform(
        lps: Int = 4, packages: Int = 1, policy: SeamldrPolicy = .intel, capacity: UInt32 = 16,
        updateCompat: Bool = false
    ) -> Platform {
        var configuration = PlatformConfiguration.uniform(
            lpCount: lps, cpuid1EAX: cpuid, packages: packages, seamdbCapacity: capacity, policy: policy)
        configuration.modulesSupportUpdateCompat = updateCompat
        return Platform(configuration: configuration)
    }

    /// A platform with `image` loaded and SYS_READY.
    static func booted(
        _ image: ModuleImage? = nil, lps: Int = 4, packages: Int = 1, policy: SeamldrPolicy = .intel,
        capacity: UInt32 = 16, updateCompat: Bool = false
    ) throws -> Platform {
        let platform = Self.platform(
            lps: lps, packages: packages, policy: policy, capacity: capacity, updateCompat: updateCompat)
        try platform.boot(image ?? Self.image())
        return platform
    }

    /// Creates a finalized TD with `pages` measured pages and `vcpus` vCPUs, then runs each vCPU `steps` times.
    @discardableResult
    static func runningTD(on platform: Platform, lp: Int = 0, pages: Int = 3, vcpus: Int = 2, steps: Int = 5) throws
        -> TDHandle
    {
        let td = try platform.tdCreate(lp: lp, maxVCPUs: vcpus)
        try platform.tdInit(lp: lp, td: td)
        for _ in 0..<vcpus { _ = try platform.vpCreate(lp: lp, td: td) }
        for page in 0..<pages {
            let contents = (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ page &+ Int(td.rawValue >> 12)) }
            try platform.memPageAdd(lp: lp, td: td, gpa: UInt64(page) * 4096, contents: contents)
        }
        try platform.mrFinalize(lp: lp, td: td)
        for step in 0..<steps {
            for vcpu in 0..<vcpus { try platform.vpEnter(lp: (lp + step) % platform.lpCount, td: td, vcpu: vcpu) }
        }
        return td
    }
}

extension Fixtures {
    /// A platform where `image` was installed (scenario load) on every LP but nothing initialised.
    static func installed(_ image: ModuleImage? = nil, lps: Int = 4, packages: Int = 1) throws -> Platform {
        let platform = Self.platform(lps: lps, packages: packages)
        let staged = platform.stage(try image ?? Self.image(), scenario: .load)
        for lp in 0..<lps { try platform.seamldrInstall(lp: lp, paramsAddress: staged.paramsAddress) }
        return platform
    }
}

/// Runs `body` and checks that it fails with `status` (by class for TDX statuses), naming both on mismatch.
func expectFailure<T>(
    _ status: SeamcallStatus, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(SeamcallFailure) -> T
) {
    do {
        _ = try body()
        Issue.record("expected \(status) but the call succeeded", sourceLocation: sourceLocation)
    } catch {
        #expect(
            error.status.matches(status), "expected \(status), got \(error)", sourceLocation: sourceLocation)
        #expect(error.status.name == status.name, sourceLocation: sourceLocation)
    }
}
