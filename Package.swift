// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tdx-runtime-update",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Lockstep", targets: ["Lockstep"]),
        .library(name: "TDXImage", targets: ["TDXImage"]),
        .library(name: "TDXFirmware", targets: ["TDXFirmware"]),
        .library(name: "TDXSysfs", targets: ["TDXSysfs"]),
        .library(name: "TDXHost", targets: ["TDXHost"]),
        .library(name: "TDXUpdater", targets: ["TDXUpdater"]),
        .executable(name: "tdxctl", targets: ["tdxctl"]),
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
            dependencies: ["CLockstep"]
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
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Executable models of P-SEAMLDR and the TDX module. Knows nothing of threads.
        .target(
            name: "TDXFirmware",
            dependencies: [
                "TDXImage",
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
        // The host kernel's side: update driver on Lockstep, sysfs, firmware upload.
        .target(
            name: "TDXHost",
            dependencies: [
                "Lockstep", "TDXFirmware", "TDXImage", "TDXSysfs",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // The operator's tool: find, label, pick, verify and upload images.
        .target(
            name: "TDXUpdater",
            dependencies: [
                "TDXImage", "TDXSysfs", "SystemSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .executableTarget(
            name: "tdxctl",
            dependencies: [
                "Lockstep", "TDXImage", "TDXFirmware", "TDXSysfs", "TDXHost", "TDXUpdater", "SystemSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SystemSupportTests", dependencies: ["SystemSupport"]),
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
                "TDXUpdater", "TDXSysfs", "TDXImage", "TDXHost",
                .product(name: "SystemPackage", package: "swift-system"),
            ]),
        .testTarget(name: "TdxctlTests", dependencies: ["tdxctl"]),
    ],
    swiftLanguageModes: [.v6]
)
