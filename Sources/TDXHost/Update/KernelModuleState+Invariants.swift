extension KernelModuleState.Snapshot {
    /// Whether ``_checkInvariants()`` checks anything in this build (debug builds only).
    static var checksInvariants: Bool {
        #if DEBUG
            true
        #else
            false
        #endif
    }

    /// Stops the program when the state breaks a rule (debug builds; nothing in release), as
    /// swift-collections' `_checkInvariants()` does. Called after every change.
    func _checkInvariants() {
        #if DEBUG
            let violations = invariantViolations()
            precondition(
                violations.isEmpty,
                "TDXHost: kernel module state broken: \(violations.map(\.description).joined(separator: "; "))")
        #endif
    }

    /// Every rule the state breaks now; empty for a consistent state.
    func invariantViolations() -> [KernelModuleInvariantViolation] {
        var found: [KernelModuleInvariantViolation] = []
        let sysInitSucceeded = sysinitDone && sysinitStatus.isSuccess
        let initializedCPUs = lpInitialized.indices.filter { lpInitialized[$0] }
        if initialized {
            if !sysInitSucceeded {
                found.append(.initializedWithoutSysInit(sysinitDone: sysinitDone, status: sysinitStatus))
            }
            let missing = lpInitialized.indices.filter { !lpInitialized[$0] }
            if !missing.isEmpty { found.append(.initializedWithUninitializedCPUs(missing)) }
        }
        if !sysInitSucceeded && !initializedCPUs.isEmpty {
            found.append(.cpusInitializedWithoutSysInit(initializedCPUs))
        }
        if !sysinitDone && sysinitStatus != .success {
            found.append(.sysInitStatusWithoutSysInit(sysinitStatus))
        }
        return found
    }
}
