#if FUSE
    import Foundation

    /// Intel's published module binaries (`TDX_MODULE_BINARIES`, else the first ancestor
    /// of this file with `shared/data/intel-tdx-module-binaries`); tests that need them skip
    /// when absent.
    enum IntelBinaries {
        static let folder: String? = {
            if let override = ProcessInfo.processInfo.environment["TDX_MODULE_BINARIES"] {
                return FileManager.default.fileExists(atPath: override) ? override : nil
            }
            var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            while directory.path != "/" {
                let candidate = directory.appendingPathComponent("shared/data/intel-tdx-module-binaries").path
                if FileManager.default.fileExists(atPath: candidate + "/joined_files") { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            return nil
        }()
    }
#endif
