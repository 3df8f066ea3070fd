// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tdx-runtime-update",
    products: [
        .library(name: "Lockstep", targets: ["Lockstep"]),
        .library(name: "TDXImage", targets: ["TDXImage"]),
        .library(name: "TDXFirmware", targets: ["TDXFirmware"]),
        .library(name: "TDXSysfs", targets: ["TDXSysfs"]),
        .library(name: "TDXHost", targets: ["TDXHost"]),
        .library(name: "TDXUpdater", targets: ["TDXUpdater"]),
        .library(name: "TDXServedHost", targets: ["TDXServedHost"]),
        .library(name: "TDXTimeline", targets: ["TDXTimeline"]),
        .executable(name: "tdxctl", targets: ["tdxctl"]),
    ],
    // FUSE: `tdxctl host serve`, the simulated host mounted as real files over libfuse3
    // (Debian: libfuse3-dev, fuse3). Off by default so that a machine without libfuse3
    // builds and tests everything else; enable with `swift build --traits FUSE`.
    traits: [
        .trait(name: "FUSE", description: "Serve the simulated host as files over libfuse3 (tdxctl host serve)."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // What Swift cannot say: pause hint, futex, membarrier, CPU affinity, sched_getcpu.
        .target(
            name: "CLockstep",
            cSettings: [.define("_GNU_SOURCE")]
        ),
        // The stop-the-world, step-locked multi-CPU engine. No TDX knowledge.
        .target(
            name: "Lockstep",
            dependencies: ["CLockstep", "SystemSupport"]
        ),
        // What Swift cannot say about the C library: errno names (strerrorname_np).
        .target(name: "CSystemSupport", cSettings: [.define("_GNU_SOURCE")]),
        // Below every TDX layer: one lock (pthread, which ThreadSanitizer understands), one clock,
        // errno names.
        .target(
            name: "SystemSupport",
            dependencies: [
                "CSystemSupport",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Module image formats (v1 tdx_blob, v2 tdx_image), SEAM sigstruct, verification.
        .target(
            name: "TDXImage",
            dependencies: [
                "SystemSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Executable models of P-SEAMLDR and the TDX module. Knows nothing of threads.
        .target(
            name: "TDXFirmware",
            dependencies: [
                "SystemSupport", "TDXImage",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The kernel/user-space vocabulary, once: HostFiles, layouts and paths, upload
        // status and error strings, errno, CPU lists, CPUID signatures, /proc/cpuinfo.
        .target(
            name: "TDXSysfs",
            dependencies: [
                "SystemSupport",
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // One update as a self-contained SVG picture (CPU lanes, blackout, TD lanes). No deps.
        .target(
            name: "TDXTimeline",
            dependencies: ["SystemSupport", .product(name: "SystemPackage", package: "swift-system")]
        ),
        // The host kernel's side: update driver on Lockstep, sysfs, firmware upload.
        .target(
            name: "TDXHost",
            dependencies: [
                "Lockstep", "SystemSupport", "TDXFirmware", "TDXImage", "TDXSysfs", "TDXTimeline",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // The operator's tool: find, label, pick, verify and upload images.
        .target(
            name: "TDXUpdater",
            dependencies: [
                "TDXImage", "TDXSysfs", "SystemSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // libfuse3 through pkg-config; only the FUSE trait links it.
        .systemLibrary(
            name: "CFuse3",
            pkgConfig: "fuse3",
            providers: [.apt(["libfuse3-dev"])]
        ),
        // What Swift cannot say about libfuse3: the operations table of C callbacks that
        // trampoline into Swift, and the mount/loop/unmount calls. Empty without the trait.
        .target(
            name: "CFuseBridge",
            dependencies: [.target(name: "CFuse3", condition: .when(traits: ["FUSE"]))],
            cSettings: [.define("_GNU_SOURCE"), .define("TDX_FUSE_ENABLED", .when(traits: ["FUSE"]))]
        ),
        // Mounts a file tree described in Swift and serves it on its own threads.
        .target(
            name: "FUSEMount",
            dependencies: ["CFuseBridge", "SystemSupport", .product(name: "SystemPackage", package: "swift-system")]
        ),
        // The simulated host's files (TDXHost's sysfs) served through FUSEMount.
        .target(
            name: "TDXServedHost",
            dependencies: [
                "CFuseBridge", "FUSEMount", "SystemSupport", "TDXHost", "TDXImage", "TDXSysfs",
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "tdxctl",
            dependencies: [
                "Lockstep", "TDXImage", "TDXFirmware", "TDXSysfs", "TDXHost", "TDXUpdater", "TDXTimeline",
                "SystemSupport",
                .target(name: "TDXServedHost", condition: .when(traits: ["FUSE"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Test support: programs run as child processes (posix_spawn, not Foundation's Process).
        .target(name: "CChildProcess", path: "Tests/CChildProcess", cSettings: [.define("_GNU_SOURCE")]),
        .target(
            name: "ChildProcess",
            dependencies: ["CChildProcess", "SystemSupport", .product(name: "SystemPackage", package: "swift-system")],
            path: "Tests/ChildProcess"
        ),
        .testTarget(name: "SystemSupportTests", dependencies: ["SystemSupport", "ChildProcess"]),
        .testTarget(name: "LockstepTests", dependencies: ["Lockstep", "CLockstep"]),
        .testTarget(
            name: "TDXImageTests",
            dependencies: ["TDXImage", .product(name: "_CryptoExtras", package: "swift-crypto")]
        ),
        .testTarget(name: "TDXFirmwareTests", dependencies: ["TDXFirmware", "TDXImage"]),
        .testTarget(
            name: "TDXSysfsTests",
            dependencies: ["TDXSysfs", "SystemSupport", .product(name: "SystemPackage", package: "swift-system")]),
        .testTarget(
            name: "TDXHostTests",
            dependencies: [
                "TDXHost", "TDXSysfs", "TDXFirmware", "TDXImage", "Lockstep", "SystemSupport",
                .product(name: "SystemPackage", package: "swift-system"),
            ]),
        .testTarget(
            name: "TDXUpdaterTests",
            dependencies: [
                "TDXUpdater", "TDXSysfs", "TDXImage", "TDXHost", "ChildProcess", "SystemSupport",
                .product(name: "SystemPackage", package: "swift-system"),
            ]),
        .testTarget(name: "TdxctlTests", dependencies: ["tdxctl", "ChildProcess"], exclude: ["HelpSnapshots"]),
        // Test-only: appends history records until killed (the SIGKILL test of the journal).
        .executableTarget(name: "HistoryAppendLoop", dependencies: ["TDXUpdater"], path: "Tests/HistoryAppendLoop"),
        // The served host through real mounts and real clients; its tests compile only
        // with the FUSE trait and skip when /dev/fuse or fusermount3 is absent.
        .testTarget(
            name: "HostServeTests",
            dependencies: [
                "TDXImage", "TDXHost", "SystemSupport", "ChildProcess",
                .target(name: "FUSEMount", condition: .when(traits: ["FUSE"])),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(
            name: "TDXTimelineTests",
            dependencies: ["TDXTimeline", "TDXHost", "TDXImage", "Lockstep", "SystemSupport", "ChildProcess"]),
    ],
    swiftLanguageModes: [.v6]
)
