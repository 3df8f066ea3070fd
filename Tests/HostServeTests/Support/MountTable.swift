#if FUSE
    import ChildProcess
    import Foundation

    /// The mounts of this process's namespace, from /proc/self/mountinfo.
    enum MountTable {
        /// The mount points listed now (octal escapes such as `\040` decoded).
        static func mountPoints() -> [String] {
            guard let text = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap { line in
                let fields = line.split(separator: " ")
                return fields.count > 4 ? decode(String(fields[4])) : nil
            }
        }

        /// Whether `path` is a mount point now.
        static func isMounted(_ path: String) -> Bool {
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
            return mountPoints().contains(resolved)
        }

        private static func decode(_ field: String) -> String {
            var bytes: [UInt8] = []
            var characters = Array(field.utf8)[...]
            while let byte = characters.first {
                if byte == UInt8(ascii: "\\"), characters.count >= 4,
                    let value = UInt8(String(decoding: characters.dropFirst().prefix(3), as: UTF8.self), radix: 8)
                {
                    bytes.append(value)
                    characters = characters.dropFirst(4)
                } else {
                    bytes.append(byte)
                    characters = characters.dropFirst()
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Unmounts `path` if it is still mounted (lazily, so a busy mount goes too).
        static func forceUnmount(_ path: String) {
            guard isMounted(path), let fusermount = FUSEAvailability.fusermount else { return }
            _ = try? ChildRun.run(fusermount, ["-u", "-z", path])
        }
    }
#endif
