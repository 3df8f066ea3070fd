/// The ways of taking every thread from step k to step k+1 that lockstep-bench measures.
/// The raw values are the JSON keys.
enum Mechanism: String, CaseIterable, Sendable {
    case lockstep
    case pthreadBarrier = "pthread_barrier"
    case kernelScheme = "kernel_scheme"
    case kernelSchemeYield = "kernel_scheme_yield"
    case concurrentPerform = "concurrent_perform"
    case pingPongRoundTrip = "pingpong_rtt"

    /// The row title in the human table.
    var title: String {
        switch self {
        case .lockstep: "Lockstep engine (StopMachine)"
        case .pthreadBarrier: "pthread_barrier_wait"
        case .kernelScheme: "kernel multi_cpu_stop scheme (spin)"
        case .kernelSchemeYield: "kernel scheme, sched_yield after 2 µs"
        case .concurrentPerform: "DispatchQueue.concurrentPerform"
        case .pingPongRoundTrip: "ping-pong round trip (2 threads, floor)"
        }
    }
}
