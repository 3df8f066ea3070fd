/// The image checksum: the 16-bit sum of all little-endian 16-bit words of the whole image
/// (an odd trailing byte added as a byte) must be 0 mod 65536. The kernel ignores it; Intel's
/// UEFI loader and `blob_join.sh` use it.
public enum ImageChecksum {
    /// The 16-bit word sum of `bytes`.
    /// - Complexity: O(n), eight bytes per step.
    public static func wordSum(of bytes: [UInt8]) -> UInt16 {
        bytes.withUnsafeBytes { buffer in
            // Four 16-bit lanes summed in 64-bit accumulators; each lane gains at most
            // 0xFFFF per step, so 2^32 steps (32 GiB) cannot overflow it.
            var lanes: UInt64 = 0
            var high: UInt64 = 0
            var offset = 0
            while offset + 8 <= buffer.count {
                let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                lanes &+= word & 0x0000_FFFF_0000_FFFF
                high &+= (word >> 16) & 0x0000_FFFF_0000_FFFF
                offset += 8
            }
            var sum = (lanes & 0xFFFF_FFFF) &+ (lanes >> 32) &+ (high & 0xFFFF_FFFF) &+ (high >> 32)
            while offset + 2 <= buffer.count {
                sum &+= UInt64(buffer[offset]) | UInt64(buffer[offset + 1]) << 8
                offset += 2
            }
            if offset < buffer.count {
                sum &+= UInt64(buffer[offset])
            }
            return UInt16(truncatingIfNeeded: sum)
        }
    }

    /// Whether the image's words sum to zero.
    public static func isValid(_ bytes: [UInt8]) -> Bool {
        wordSum(of: bytes) == 0
    }

    /// Writes the checksum field (offset 2) so the word sum becomes zero.
    public static func update(_ bytes: inout [UInt8]) {
        guard bytes.count >= ImageLayout.checksumOffset + 2 else { return }
        bytes.writeLE16(0, at: ImageLayout.checksumOffset)
        bytes.writeLE16(0 &- wordSum(of: bytes), at: ImageLayout.checksumOffset)
    }
}
