// Test-only writer for the SIGKILL test: appends records to a journal until killed.
//
//     HistoryAppendLoop JOURNAL ROUND PADDING
//
// Record N of round R has the message "round R seq N " followed by PADDING 'x's, so a
// reader can tell which records are whole and that none was lost or reordered. Large
// records make a kill during write(2) likely: the kernel stops copying at a page boundary
// when SIGKILL arrives, which leaves a torn line.
import Foundation
import TDXUpdater

let arguments = CommandLine.arguments
guard arguments.count == 4, let round = Int(arguments[2]), let padding = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: HistoryAppendLoop JOURNAL ROUND PADDING\n".utf8))
    exit(64)
}
let journal = HistoryJournal(path: arguments[1])
let filler = String(repeating: "x", count: padding)
var sequence = 0
while true {
    let record = HistoryRecord(
        time: HistoryTime.format(Date()), hostname: "append-loop", versionBefore: "1.5.06", versionAfter: nil,
        target: nil, image: nil, trustedKey: nil, result: "refused", refusal: "append_loop", exitCode: 10,
        durationSeconds: 0, message: "round \(round) seq \(sequence) " + filler)
    do {
        try journal.append(record)
    } catch {
        FileHandle.standardError.write(Data("HistoryAppendLoop: \(error)\n".utf8))
        exit(1)
    }
    sequence += 1
}
