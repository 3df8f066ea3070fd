/// One CPU of a `CPUSet`.
///
/// `id` is the OS CPU number (or the index, for simulated sets); `index` is the position in
/// ascending id order (`0..<count`), which is the order serial steps run in.
public struct CPU: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The OS CPU number (the index for simulated sets).
    public let id: Int
    /// The position in the set, in ascending id order.
    public let index: Int

    /// A CPU with the given OS number at the given position of its set.
    public init(id: Int, index: Int) {
        self.id = id
        self.index = index
    }

    public static func < (lhs: CPU, rhs: CPU) -> Bool { lhs.index < rhs.index }

    public var description: String { "CPU \(id)" }
}
