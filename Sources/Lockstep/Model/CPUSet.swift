import CLockstep

/// The CPUs a `StopMachine` runs one stopper thread on.
///
/// `online()` is the process's affinity mask, with each stopper thread pinned to its CPU;
/// `simulated(count:)` is any number of unpinned threads, so a 256-CPU host can be
/// modelled on a 2-core machine.
public struct CPUSet: Sendable, Hashable, CustomStringConvertible {
    /// The CPUs, ascending by id; `cpus[i].index == i`.
    public let cpus: [CPU]
    /// Whether stopper threads are pinned to their CPU (`online()`), or float (simulated).
    public let isPinned: Bool

    private init(ids: [Int], isPinned: Bool) {
        cpus = ids.sorted().enumerated().map { CPU(id: $0.element, index: $0.offset) }
        self.isPinned = isPinned
    }

    /// The CPUs the calling thread may run on (its affinity mask), for pinned stopper
    /// threads. Throws when the mask cannot be read.
    public static func online() throws(LockstepError) -> CPUSet {
        var capacity = 1024
        while true {
            var ids = [Int32](repeating: -1, count: capacity)
            let found = ids.withUnsafeMutableBufferPointer {
                Int(clockstep_affinity_cpus($0.baseAddress!, Int32(capacity)))
            }
            if found < 0 { throw .affinityUnreadable(errno: Int32(-found)) }
            if found == 0 { throw .affinityUnreadable(errno: 0) }
            if found <= capacity {
                return CPUSet(ids: ids.prefix(found).map(Int.init), isPinned: true)
            }
            capacity = found
        }
    }

    /// `count` simulated CPUs with ids `0..<count`, run by unpinned threads. `count` must
    /// be at least 1.
    public static func simulated(count: Int) -> CPUSet {
        precondition(count >= 1, "a simulated CPU set needs at least one CPU, got \(count)")
        return CPUSet(ids: Array(0..<count), isPinned: false)
    }

    /// How many cores this process may run on: its affinity mask, or the online CPUs when
    /// the mask cannot be read. Waiting budgets compare the engine's threads with it.
    public static var usableCoreCount: Int {
        let allowed = Int(clockstep_affinity_cpus(nil, 0))
        return allowed > 0 ? allowed : max(1, Int(clockstep_online_cpu_count()))
    }

    /// How many CPUs the set holds.
    public var count: Int { cpus.count }

    /// The lead CPU (index 0): where `once` steps run unless they name another CPU.
    public var lead: CPU { cpus[0] }

    /// The CPU with OS number `id`, if the set holds it.
    public func cpu(id: Int) -> CPU? {
        isPinned ? cpus.first { $0.id == id } : (id >= 0 && id < count ? cpus[id] : nil)
    }

    public var description: String {
        let ids = cpus.map(\.id)
        let shown = ids.count <= 8 ? ids.map(String.init).joined(separator: ",") : "\(ids.count) CPUs"
        return "\(isPinned ? "online" : "simulated") [\(shown)]"
    }
}
