/// Little-endian field access on byte arrays, for the firmware's fixed-layout structures.
extension Array where Element == UInt8 {
    func readLE<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        var value: T = 0
        for index in 0..<MemoryLayout<T>.size {
            value |= T(truncatingIfNeeded: self[offset + index]) << (8 * index)
        }
        return value
    }

    mutating func writeLE<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        for index in 0..<MemoryLayout<T>.size {
            self[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index))
        }
    }

    /// Exactly `count` bytes: truncated, or zero-padded at the end.
    func padded(to count: Int) -> [UInt8] {
        self.count >= count ? Array(self[0..<count]) : self + [UInt8](repeating: 0, count: count - self.count)
    }

    func allZero(_ range: Range<Int>) -> Bool { self[range].allSatisfy { $0 == 0 } }
}
