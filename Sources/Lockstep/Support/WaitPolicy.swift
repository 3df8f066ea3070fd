/// How a thread of the engine waits for another: spin with the pause hint, then yield the
/// CPU, then park on a futex.
///
/// Spinning is the fastest hand-off (a cache-line transfer, tens of ns) but burns the core
/// that the awaited thread may need when there are more threads than cores; yielding lets
/// that thread run; parking costs a wake-up (µs) but never burns a scheduler slice.
/// `.automatic` picks the budgets from the engine's thread count and the online cores.
public struct WaitPolicy: Sendable, Hashable, CustomStringConvertible {
    /// Loads with the pause hint between them before the first yield (nil: automatic).
    public let spinIterations: Int?
    /// `sched_yield()` calls (each followed by a load) before parking (nil: automatic).
    public let yieldIterations: Int?

    /// A policy with explicit budgets; `0` skips a phase (both `0`: park at once).
    public init(spinIterations: Int, yieldIterations: Int) {
        self.spinIterations = max(0, spinIterations)
        self.yieldIterations = max(0, yieldIterations)
    }

    private init(automatic: Void) {
        spinIterations = nil
        yieldIterations = nil
    }

    /// Budgets chosen from the number of engine threads versus online cores: a long spin
    /// (tens of µs) when every thread has a core, a short spin and many yields otherwise.
    public static let automatic = WaitPolicy(automatic: ())

    /// Whether the budgets are picked per engine (`.automatic`).
    public var isAutomatic: Bool { spinIterations == nil }

    public var description: String {
        isAutomatic
            ? "automatic" : "spin \(spinIterations ?? 0), yield \(yieldIterations ?? 0), then park"
    }

    /// The concrete budgets for `threads` busy threads on `cores` online cores.
    public func resolved(threads: Int, cores: Int = CPUSet.usableCoreCount) -> WaitPolicy {
        if let spinIterations, let yieldIterations {
            return WaitPolicy(spinIterations: spinIterations, yieldIterations: yieldIterations)
        }
        if threads <= max(1, cores) {
            // Every waiter has its own core: spin ~50 µs (pause is ~25 ns here), far longer
            // than a step transition and about three futex wake-ups.
            return WaitPolicy(spinIterations: 2_000, yieldIterations: 64)
        }
        // Oversubscribed: the thread we wait for probably needs our core, so hand it over
        // at once (measured: 4 and 8 threads on 2 cores step 2-3x faster than after even a
        // 1 µs spin); park only if yielding does not get us there either.
        return WaitPolicy(spinIterations: 0, yieldIterations: 100 + 8 * threads)
    }
}
