#if FUSE
    import CFuseBridge
    import SystemPackage

    #if canImport(Glibc)
        import Glibc
    #endif

    /// The C callbacks libfuse calls, each forwarding to the mounted ``FUSEFileSystem``
    /// found through the context pointer, and turning a thrown `Errno` into libfuse's
    /// negative errno.
    enum FUSECallbacks {
        private static func fileSystem(_ context: UnsafeMutableRawPointer?) -> any FUSEFileSystem {
            Unmanaged<FUSEMount.Context>.fromOpaque(context!).takeUnretainedValue().fileSystem
        }

        private static func path(_ raw: UnsafePointer<CChar>?) -> String {
            raw.map { String(cString: $0) } ?? "/"
        }

        private static func failure(_ error: Errno) -> Int32 { -error.rawValue }

        static let table = tdx_fuse_callbacks(
            getattr: { context, rawPath, attr in
                do throws(Errno) {
                    let attributes = try fileSystem(context).attributes(of: path(rawPath))
                    let type: UInt32 = attributes.kind == .directory ? UInt32(S_IFDIR) : UInt32(S_IFREG)
                    attr!.pointee.mode = type | UInt32(attributes.permissions.rawValue)
                    attr!.pointee.uid = attributes.owner
                    attr!.pointee.gid = attributes.group
                    attr!.pointee.nlink = attributes.kind == .directory ? 2 : 1
                    attr!.pointee.size = UInt64(max(0, attributes.size))
                    return 0
                } catch {
                    return failure(error)
                }
            },
            readdir: { context, rawPath, cookie in
                do throws(Errno) {
                    for name in try fileSystem(context).entries(of: path(rawPath)) {
                        if tdx_fuse_fill_entry(cookie, name) != 0 { break }
                    }
                    return 0
                } catch {
                    return failure(error)
                }
            },
            open: { context, rawPath, flags, handle, pageCache in
                do throws(Errno) {
                    let mode = FileDescriptor.AccessMode(rawValue: flags & O_ACCMODE)
                    let file = try fileSystem(context).open(path(rawPath), mode: mode, truncate: flags & O_TRUNC != 0)
                    handle!.pointee = file.handle
                    pageCache!.pointee = file.cachesPages ? 1 : 0
                    return 0
                } catch {
                    return failure(error)
                }
            },
            read: { context, rawPath, handle, buffer, size, offset in
                do throws(Errno) {
                    let target = UnsafeMutableRawBufferPointer(start: buffer, count: size)
                    return Int32(
                        try fileSystem(context).read(path(rawPath), handle: handle, offset: Int(offset), into: target))
                } catch {
                    return failure(error)
                }
            },
            write: { context, rawPath, handle, buffer, size, offset in
                do throws(Errno) {
                    let bytes = UnsafeRawBufferPointer(start: buffer, count: size)
                    return Int32(
                        try fileSystem(context).write(path(rawPath), handle: handle, offset: Int(offset), bytes: bytes))
                } catch {
                    return failure(error)
                }
            },
            truncate: { context, rawPath, size in
                do throws(Errno) {
                    try fileSystem(context).truncate(path(rawPath), size: Int(size))
                    return 0
                } catch {
                    return failure(error)
                }
            },
            release: { context, rawPath, handle in
                fileSystem(context).release(path(rawPath), handle: handle)
                return 0
            })
    }
#endif
