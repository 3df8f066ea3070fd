/// One line of the heading.
struct HeadingLine {
    enum Kind { case title, fact, failure, note }
    let text: String
    let kind: Kind
}

extension TimelineDrawing {
    /// The title ("TDX module update 1.5.06 → 1.5.08"), the facts (CPUs, TDs, blackout,
    /// drain, the longest TD gap), the failures (at most three, then a count) and the notes.
    static func headingLines(_ timeline: Timeline, width: Double) -> [HeadingLine] {
        var title = timeline.title
        if let before = timeline.versionBefore {
            let after = timeline.versionAfter ?? "no module"
            title += " \(before) → \(after)"
            if let target = timeline.targetVersion, target != timeline.versionAfter {
                title += " (target \(target))"
            }
        }
        var facts = ["\(timeline.cpus.count) CPU\(timeline.cpus.count == 1 ? "" : "s")"]
        facts.append("\(timeline.tds.count) TD\(timeline.tds.count == 1 ? "" : "s")")
        if let stop = timeline.stop {
            facts.append(
                "blackout \(DurationText.format(stop.blackoutNs)) (gate closed → reopened), "
                    + "drain \(DurationText.format(stop.drainNs))")
            let gaps = timeline.tds.compactMap { $0.gap(around: stop) }.map { $0.upperBound - $0.lowerBound }
            if let longest = gaps.max() { facts.append("longest TD gap \(DurationText.format(longest))") }
        }
        var lines = [HeadingLine(text: title, kind: .title)]
        lines.append(HeadingLine(text: facts.joined(separator: " · "), kind: .fact))
        let failures = timeline.steps.flatMap { step in
            step.spans.compactMap { span in span.failure.map { (step, span, $0) } }
        }
        for (step, span, failure) in failures.prefix(3) {
            let detail = failure.detail.map { " (\($0))" } ?? ""
            let phase = step.phase == .recovery ? "recovery step " : ""
            lines.append(
                HeadingLine(
                    text: "failed: \(phase)\(step.name) on cpu \(span.cpu): \(failure.status)\(detail)", kind: .failure)
            )
        }
        if failures.count > 3 {
            lines.append(
                HeadingLine(text: "… and \(failures.count - 3) more failures (see the red bars)", kind: .failure))
        }
        lines += timeline.notes.map { HeadingLine(text: $0, kind: .note) }
        let size = headingSize
        return lines.map { line in
            let lineSize = line.kind == .title ? titleSize : size
            let room = width - 16 - (line.kind == .title ? outcomeWidth(timeline) : 0)
            return HeadingLine(text: TextMetrics.truncated(line.text, size: lineSize, width: room), kind: line.kind)
        }
    }

    /// The room the outcome takes after the title.
    static func outcomeWidth(_ timeline: Timeline) -> Double {
        TextMetrics.width(timeline.outcome.name, size: titleSize) + 12
    }

    mutating func drawHeading() {
        var baseline = 26.0
        for line in heading {
            switch line.kind {
            case .title:
                document.label(
                    line.text, x: 16, y: baseline, size: Self.titleSize,
                    attributes: [("font-weight", "bold"), ("fill", Palette.text)])
                let outcomeX = 16 + TextMetrics.width(line.text, size: Self.titleSize) + 12
                document.label(
                    timeline.outcome.name, x: outcomeX, y: baseline, size: Self.titleSize,
                    attributes: [("font-weight", "bold"), ("fill", Palette.heading(timeline.outcome.severity))])
            case .fact:
                document.label(
                    line.text, x: 16, y: baseline, size: Self.headingSize, attributes: [("fill", Palette.text)])
            case .failure:
                document.label(
                    line.text, x: 16, y: baseline, size: Self.headingSize, attributes: [("fill", Palette.failure)])
            case .note:
                document.label(
                    line.text, x: 16, y: baseline, size: Self.headingSize, attributes: [("fill", Palette.mutedText)])
            }
            baseline += 20
        }
    }
}
