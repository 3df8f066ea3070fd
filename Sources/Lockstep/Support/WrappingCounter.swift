/// `x` reached `target` on a wrapping `UInt32` counter that only grows.
@inline(__always)
func reached(_ value: UInt32, _ target: UInt32) -> Bool {
    Int32(bitPattern: value &- target) >= 0
}
