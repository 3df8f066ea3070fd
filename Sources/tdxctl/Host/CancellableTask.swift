import SystemSupport

/// Runs async work in a task that another thread (the signal watcher) may cancel at any
/// time, even before the task exists: a cancel that comes first cancels the task as it
/// starts.
final class CancellableTask: @unchecked Sendable {
    private let lock = ThreadLock()
    private var task: Task<Void, Never>?
    private var cancelled = false

    /// Cancels the running task, or the one about to run.
    func cancel() {
        lock.withLock {
            cancelled = true
            task?.cancel()
        }
    }

    /// Runs `work` in a new task and waits for its value.
    func run<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) async -> Value {
        let result = ResultBox<Value>()
        let task = Task {
            result.value = await work()
        }
        lock.withLock {
            self.task = task
            if cancelled { task.cancel() }
        }
        await task.value
        return result.value!
    }
}

/// The value a task leaves for its awaiter; written before the task ends, read after.
private final class ResultBox<Value: Sendable>: @unchecked Sendable {
    var value: Value?
}
