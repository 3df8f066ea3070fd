import TDXSysfs
import Testing

@Suite("Text from host files is shown cleaned and cut")
struct ShownTextTests {
    @Test("control characters go, line breaks become spaces")
    func controls() {
        #expect(ShownText.clean("idle\n") == "idle")
        #expect(ShownText.clean("a\nb\r\n\tc") == "a b c")
        #expect(ShownText.clean("\u{1B}[2Jred\u{7}\u{0}\u{202E}x") == "[2Jredx")
    }

    @Test("a 5 KB multi-line error file is cut to 200 characters with a note")
    func long() {
        let text = String(repeating: "transferring:firmware-invalid\n", count: 170)
        let shown = ShownText.clean(text)
        #expect(!shown.contains("\n"))
        #expect(shown.hasPrefix("transferring:firmware-invalid transferring"))
        #expect(shown.hasSuffix("more characters)"))
        #expect(shown.count < 240)
    }
}
