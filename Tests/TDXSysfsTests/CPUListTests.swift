import SystemSupport
import TDXSysfs
import Testing

@Suite("CPU lists: linear parsing, merged ranges, bounded CPU numbers")
struct CPUListTests {
    @Test("a 4 KiB list of 400 large ranges parses in a fraction of a second (it took 36 s)")
    func fourHundredRanges() throws {
        // 400 overlapping ranges "N-65535" of about ten characters each: the old parser
        // expanded every one of them.
        let text = (0..<400).map { "\($0 * 7)-65535" }.joined(separator: ",")
        #expect(text.utf8.count > 4000)
        let start = MonotonicClock.now
        let cpus = try #require(CPUList.parse(text))
        let elapsed = MonotonicClock.now - start
        #expect(cpus == Array(0...65_535))
        // Generous: milliseconds in a debug build, against 36 s before.
        #expect(elapsed < 3_000_000_000)
        #expect(CPUList.ranges(text) == [0...65_535])
    }

    @Test("out-of-order and overlapping ranges merge")
    func merging() {
        #expect(CPUList.ranges("8-9,0-3,2-5,6") == [0...6, 8...9])
        #expect(CPUList.ranges("0-3,4-7") == [0...7])
        #expect(CPUList.ranges("0-3,5-7") == [0...3, 5...7])
        #expect(CPUList.parse("5,3,4") == [3, 4, 5])
    }

    @Test("CPU numbers beyond any kernel's are refused", arguments: ["65536", "0-99999999", "1234567", "0-65536"])
    func outOfRange(text: String) {
        #expect(CPUList.parse(text) == nil)
    }
}
