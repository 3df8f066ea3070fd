/// One stopper's record of the current procedure: start and end of each executed step and
/// the errors its bodies threw.
///
/// Plain memory written only by its stopper before each arrival and read by the coordinator
/// only after it observed `finished` (acquire), which is ordered after every arrival; the
/// coordinator resizes it only between procedures. That protocol, not this type, makes it
/// safe, hence `@unchecked Sendable`.
final class StopperLog: @unchecked Sendable {
    private(set) var capacity = 0
    private var starts: UnsafeMutablePointer<UInt64>
    private var ends: UnsafeMutablePointer<UInt64>
    /// Errors thrown on this CPU: executed step index and the error.
    var errors: [(step: Int, error: any Error)] = []
    /// The result of pinning the thread (0 or an errno value), set once at thread start.
    var pinResult: Int32 = 0

    init() {
        starts = .allocate(capacity: 1)
        ends = .allocate(capacity: 1)
        capacity = 1
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
    }

    /// Coordinator, between procedures: room for `steps` executed steps, no errors.
    func prepare(steps: Int) {
        if steps > capacity {
            starts.deallocate()
            ends.deallocate()
            capacity = steps
            starts = .allocate(capacity: steps)
            ends = .allocate(capacity: steps)
        }
        errors.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    func record(step: Int, startNs: UInt64, endNs: UInt64) {
        starts[step] = startNs
        ends[step] = endNs
    }

    func timing(step: Int) -> (startNs: UInt64, endNs: UInt64) {
        (starts[step], ends[step])
    }
}
