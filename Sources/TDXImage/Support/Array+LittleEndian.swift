/// Little-endian field access on byte arrays, the byte order of every TDX image structure.
///
/// Offsets are absolute indices into the array; callers check bounds before reading.
extension Array where Element == UInt8 {
    func readLE16(at offset: Int) -> UInt16 {
        UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    func readLE32(at offset: Int) -> UInt32 {
        UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16
            | UInt32(self[offset + 3]) << 24
    }

    func readLE64(at offset: Int) -> UInt64 {
        UInt64(readLE32(at: offset)) | UInt64(readLE32(at: offset + 4)) << 32
    }

    mutating func writeLE16(_ value: UInt16, at offset: Int) {
        self[offset] = UInt8(truncatingIfNeeded: value)
        self[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
    }

    mutating func writeLE32(_ value: UInt32, at offset: Int) {
        for index in 0..<4 {
            self[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index))
        }
    }

    mutating func writeLE64(_ value: UInt64, at offset: Int) {
        writeLE32(UInt32(truncatingIfNeeded: value), at: offset)
        writeLE32(UInt32(truncatingIfNeeded: value >> 32), at: offset + 4)
    }

    mutating func writeBytes(_ bytes: some Collection<UInt8>, at offset: Int) {
        replaceSubrange(offset..<(offset + bytes.count), with: bytes)
    }

    /// The absolute offset of the first non-zero byte in `range`, or nil when all are zero.
    func firstNonZeroOffset(in range: Range<Int>) -> Int? {
        withUnsafeBytes { buffer in
            var offset = range.lowerBound
            // Eight bytes at a time: reserved areas are kilobytes long.
            while offset + 8 <= range.upperBound {
                if buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != 0 { break }
                offset += 8
            }
            while offset < range.upperBound {
                if buffer[offset] != 0 { return offset }
                offset += 1
            }
            return nil
        }
    }

    /// Lower-case hexadecimal text of the bytes, in stored order.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(count * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
