/// One token's padded block: `word` is 1 while the token is inside the gate.
final class GateSlot: Sendable {
    let block = PaddedBlocks(count: 1)
}
