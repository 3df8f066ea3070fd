/// Unretained references to the steps of one list, in plain memory, for the stoppers'
/// hot loop (no reference counting per step). The owning arrays live in the same
/// `PublishedProcedure`, which outlives every use.
struct UnretainedSteps: @unchecked Sendable {
    private let references: UnsafeMutablePointer<Unmanaged<ErasedStep>>
    let count: Int

    init(_ steps: [ErasedStep]) {
        count = steps.count
        references = .allocate(capacity: max(1, steps.count))
        references.initialize(from: steps.map { Unmanaged.passUnretained($0) }, count: steps.count)
    }

    func deallocate() {
        references.deallocate()
    }

    @inline(__always)
    subscript(position: Int) -> Unmanaged<ErasedStep> { references[position] }
}
