import CLockstep
import Synchronization

extension LockstepCore {
    /// A stopper thread's whole life (docs/LOCKSTEP.md, "Stopper thread"): pin, then run
    /// every published procedure in lockstep with the other stoppers until told to exit.
    func stopperMain(index: Int) {
        let cpu = cpus.cpus[index]
        if cpus.isPinned {
            logs[index].pinResult = clockstep_pin_self(Int32(cpu.id))
        }
        startedStoppers.wrappingAdd(1, ordering: .releasing)
        let epoch = word(.epoch)
        var seen: UInt32 = 0
        var lifetimeSteps: UInt32 = 0
        while true {
            seen = idleWaiter.wait(on: epoch) { [seen] in $0 != seen }
            guard case .run(let procedure) = publication else { return }
            lifetimeSteps = runProcedure(procedure, on: cpu, lifetimeSteps: lifetimeSteps)
        }
    }

    /// Runs one procedure on `cpu`; returns the CPU's lifetime step count afterwards.
    private func runProcedure(_ procedure: PublishedProcedure, on cpu: CPU, lifetimeSteps: UInt32)
        -> UInt32
    {
        let index = cpu.index
        let cpuCount = UInt32(truncatingIfNeeded: cpus.count)
        let log = logs[index]
        let progress = self.progress.word(index).atomic
        let arrivals = word(.arrivals)
        let turn = word(.turn)
        let records = recordsTimestamps
        var lifetimeStep = lifetimeSteps
        var cursor = StepCursor.first
        var executed = 0
        var serialSteps: UInt32 = 0
        var failuresSeenEven = procedure.failureBases.even
        var failuresSeenOdd = procedure.failureBases.odd
        let myTurnBit = FutexWord.bit(forPosition: index)
        let nextInLineBit = FutexWord.bit(forPosition: index + 1 == cpus.count ? 0 : index + 1)
        while true {
            var startNs: UInt64 = 0
            var endNs: UInt64 = 0
            let thrown: (any Error)? = procedure.unretainedStep(at: cursor)._withUnsafeGuaranteedRef { step in
                var thrown: (any Error)?
                switch step.scope {
                case .once(let runner):
                    if records { startNs = clockstep_monotonic_ns() }
                    if runner == index {
                        do { try step.body(cpu, executed) } catch { thrown = error }
                    }
                case .concurrent:
                    if records { startNs = clockstep_monotonic_ns() }
                    do { try step.body(cpu, executed) } catch { thrown = error }
                case .serial:
                    let myTurn =
                        procedure.turnBase &+ serialSteps &* cpuCount &+ UInt32(truncatingIfNeeded: index)
                    stopperWaiter.waitForTurn(on: turn, turn: myTurn, bits: myTurnBit)
                    if records { startNs = clockstep_monotonic_ns() }
                    do { try step.body(cpu, executed) } catch { thrown = error }
                    // Stamped before the hand-off, so serial intervals never overlap in the trace.
                    if records { endNs = clockstep_monotonic_ns() }
                    turn.atomic.pointee.store(myTurn &+ 1, ordering: .sequentiallyConsistent)
                    turn.wakeIfSleeping(bits: nextInLineBit)
                    serialSteps &+= 1
                }
                return thrown
            }
            if records {
                if endNs == 0 { endNs = clockstep_monotonic_ns() }
                log.record(step: executed, startNs: startNs, endNs: endNs)
            }
            let isEvenLifetimeStep = lifetimeStep & 1 == 0
            let failures = failureCounter(forLifetimeStep: lifetimeStep).atomic
            if let thrown {
                log.errors.append((executed, thrown))
                failures.pointee.wrappingAdd(1, ordering: .relaxed)
            }
            lifetimeStep &+= 1
            progress.pointee.store(lifetimeStep, ordering: .relaxed)
            // The arrival. Every CPU's writes of this step are released by it.
            let arrived = arrivals.atomic.pointee.wrappingAdd(1, ordering: .sequentiallyConsistent)
                .newValue
            let target = procedure.arrivalsBase &+ cpuCount &* UInt32(truncatingIfNeeded: executed + 1)
            let isLastArriver = arrived == target
            if isLastArriver {
                arrivals.wakeAllIfSleeping()
            } else {
                _ = stopperWaiter.wait(on: arrivals) { reached($0, target) }
            }
            // Every CPU finished this step; the decision below is the same on every CPU.
            let failureCount = failures.pointee.load(ordering: .relaxed)
            let failed: Bool
            if isEvenLifetimeStep {
                failed = failureCount != failuresSeenEven
                failuresSeenEven = failureCount
            } else {
                failed = failureCount != failuresSeenOdd
                failuresSeenOdd = failureCount
            }
            guard let next = procedure.next(after: cursor, failed: failed) else {
                if isLastArriver {
                    let finished = word(.finished)
                    finished.atomic.pointee.wrappingAdd(1, ordering: .sequentiallyConsistent)
                    finished.wakeAllIfSleeping()
                }
                return lifetimeStep
            }
            if isLastArriver && procedure.tracksSteps {
                stepStartNs.pointee.store(clockstep_monotonic_ns(), ordering: .relaxed)
                stepTag.pointee.store(
                    UInt64(lifetimeStep) << 32 | UInt64(next.code), ordering: .releasing)
            }
            cursor = next
            executed += 1
        }
    }
}
