import CFuzz
import Glibc
import TDXImage

/// libFuzzer entry point; libFuzzer's `main` object references this symbol.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzOne(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

// `FuzzImageParsers --write-seeds DIR` regenerates the committed seed corpus.
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--write-seeds" {
    do {
        try writeSeeds(to: CommandLine.arguments[2])
        exit(0)
    } catch {
        print("cannot write seeds: \(error)")
        exit(1)
    }
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput))
