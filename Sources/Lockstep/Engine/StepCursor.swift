/// Where a CPU is in a procedure: main or recovery list, and the position in that list.
///
/// `next(failed:...)` is the decision every CPU takes after each complete barrier. It is a
/// pure function of values every CPU reads after the same barrier, so all CPUs walk the
/// same executed sequence (docs/LOCKSTEP.md).
struct StepCursor: Equatable, Sendable {
    var inRecovery: Bool
    var position: Int

    static let first = StepCursor(inRecovery: false, position: 0)

    /// The step after this one, or nil when the procedure is over: a failed main step
    /// moves to the first recovery step (if any); a failed recovery step ends recovery.
    @inline(__always)
    func next(failed: Bool, mainCount: Int, recoveryCount: Int) -> StepCursor? {
        if failed {
            return !inRecovery && recoveryCount > 0 ? StepCursor(inRecovery: true, position: 0) : nil
        }
        let following = position + 1
        return following < (inRecovery ? recoveryCount : mainCount)
            ? StepCursor(inRecovery: inRecovery, position: following) : nil
    }

    /// A 32-bit encoding for the watchdog's step tag: top bit recovery, the rest position.
    var code: UInt32 { (inRecovery ? 0x8000_0000 : 0) | UInt32(truncatingIfNeeded: position) }

    init(inRecovery: Bool, position: Int) {
        self.inRecovery = inRecovery
        self.position = position
    }

    init(code: UInt32) {
        inRecovery = code & 0x8000_0000 != 0
        position = Int(code & 0x7FFF_FFFF)
    }
}
