/// One logical processor (LP) of the simulated platform.
public struct LogicalProcessor: Hashable, Sendable {
    /// CPUID.1.EAX (family/model/stepping), matched against the image's CPUID table.
    public var cpuid1EAX: UInt32
    /// The package (socket) it belongs to; TDH.SYS.KEY.CONFIG runs once per package.
    public var package: Int
    /// IA32_VMX_BASIC bit 60: set on CPUs fixed for the SEAMRET VMCS erratum (spec 2.5).
    public var vmxBasicBit60: Bool

    /// Creates an LP.
    public init(cpuid1EAX: UInt32, package: Int = 0, vmxBasicBit60: Bool = true) {
        self.cpuid1EAX = cpuid1EAX
        self.package = package
        self.vmxBasicBit60 = vmxBasicBit60
    }

    /// True when SEAMRET from P-SEAMLDR clears this LP's current VMCS (the kernel hides updates then).
    public var hasSeamretVMCSErratum: Bool { !vmxBasicBit60 }
}
