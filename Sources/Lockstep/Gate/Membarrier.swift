import CLockstep

/// Process-wide registration for `membarrier(PRIVATE_EXPEDITED)`, done once.
enum Membarrier {
    /// Whether registration succeeded, so `globalFence()` may be used.
    static let isAvailable: Bool = clockstep_membarrier_register() == 0

    /// Runs a full memory barrier on every running thread of the process.
    static func globalFence() {
        let rc = clockstep_membarrier_global_fence()
        precondition(rc == 0, "membarrier(PRIVATE_EXPEDITED) failed after registration: errno \(-rc)")
    }
}
