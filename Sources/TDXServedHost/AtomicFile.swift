#if FUSE
    import SystemPackage

    #if canImport(Glibc)
        import Glibc
    #endif

    /// A file whose content is replaced whole: written to a temporary file beside it,
    /// flushed, then renamed over it, so that a reader sees the old content or the new,
    /// never half of one.
    public struct AtomicFile: Sendable {
        /// The file's path.
        public let path: String

        /// The file at `path`.
        public init(path: String) { self.path = path }

        /// Replaces the content with `bytes`.
        public func replace(with bytes: [UInt8]) throws(Errno) {
            let temporary = FilePath(path + ".tmp-\(getpid())")
            let descriptor: FileDescriptor
            do {
                descriptor = try FileDescriptor.open(
                    temporary, .writeOnly, options: [.create, .truncate],
                    permissions: [.ownerReadWrite, .groupRead, .otherRead])
            } catch {
                throw Self.systemError(error)
            }
            do throws(Errno) {
                defer { try? descriptor.close() }
                do { _ = try bytes.withUnsafeBytes { try descriptor.writeAll($0) } } catch {
                    throw Self.systemError(error)
                }
                guard fsync(descriptor.rawValue) == 0 else { throw Errno(rawValue: errno) }
            } catch {
                _ = unlink(temporary.string)
                throw error
            }
            guard rename(temporary.string, path) == 0 else {
                let failure = Errno(rawValue: errno)
                _ = unlink(temporary.string)
                throw failure
            }
        }

        /// swift-system throws `Errno` untyped.
        private static func systemError(_ error: any Error) -> Errno { error as? Errno ?? .ioError }
    }
#endif
