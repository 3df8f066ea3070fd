import Glibc
import SystemSupport
import TDXSysfs

/// SIGINT and SIGTERM during `update`: the first one interrupts the update at its next
/// safe point (the waits on the host end at once, the task is cancelled, and the updater
/// aborts a begun load or reports that the kernel goes on); a second one ends the process
/// at once, as the signal's default action would.
enum InterruptSignals {
    /// Routes SIGINT and SIGTERM to `deadline` and `task` from now on.
    static func route(to deadline: HostDeadline, cancelling task: @escaping @Sendable () -> Void) throws {
        try SignalPipe.subscribe([SIGINT, SIGTERM]) { signal in
            if deadline.interruption != nil {
                Glibc.signal(signal, SIG_DFL)
                kill(getpid(), signal)
                return
            }
            deadline.interrupt(by: signal)
            task()
        }
    }
}
