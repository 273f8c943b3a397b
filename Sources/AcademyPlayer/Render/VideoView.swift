import AcademyContent
import AcademyProgress

extension ScreenRenderer {
    /// A video: title, summary, chapters, the captions as they are spoken (or the whole transcript),
    /// and a position bar.
    func drawVideo(_ screen: inout Screen, _ videoScreen: VideoScreen) {
        guard let video = state.library.video(id: videoScreen.videoID), let module = state.library.module(id: videoScreen.moduleID) else { return }
        let playback = videoScreen.playback
        let position = playback.position
        let completion = state.completion(ofModule: module.id)?.videos.first { $0.videoID == video.id }
        drawHeader(&screen, "\(moduleLabel(module)) › \(state.text(video.title))", right: video.duration.clock)

        let chapters = video.chapters(in: state.language)?.cues ?? []
        let currentChapter = chapters.lastIndex { $0.start.seconds <= position + 0.001 }
        var meta = [String]()
        if let completion {
            meta.append(completion.isComplete ? "✓ bekeken" : "\(percent(completion.fraction)) gezien")
        }
        if let currentChapter { meta.append("hoofdstuk \(currentChapter + 1) van \(chapters.count)") }
        if video.captions.isEmpty { meta.append("geen ondertiteling") }
        screen.write(
            TextLayout.truncate(meta.joined(separator: " · "), to: width - 2),
            row: 1,
            column: 1,
            style: completion?.isComplete == true ? CellStyle(foreground: .green) : .dim
        )

        // Rows between the meta line and the position bar, shared out with the captions first.
        var budget = height - 4 - 1 - 3
        let hintLines = videoScreen.fileHint.map { TextLayout.wrap($0, width: width - 2) } ?? []
        let hintRows = min(hintLines.count, max(0, budget))
        budget -= hintRows
        var chapterRows = chapters.isEmpty || budget < 1 ? 0 : 1
        budget -= chapterRows
        let summaryLines = TextLayout.wrap(state.text(video.summary), width: width - 2)
        let summaryRows = min(3, max(0, budget), summaryLines.count)
        budget -= summaryRows
        if chapters.count > 1, budget >= chapters.count - 1 {
            chapterRows = chapters.count
            budget -= chapters.count - 1
        }

        var row = 2
        row += drawWrapped(&screen, state.text(video.summary), row: row, limit: summaryRows)
        if chapterRows == 1, let currentChapter {
            let text = "Hoofdstuk \(currentChapter + 1)/\(chapters.count): \(chapters[currentChapter].plainText)"
            screen.write(TextLayout.truncate(text, to: width - 2), row: row, column: 1, style: .bold)
        } else if chapterRows == 1 {
            screen.write("Hoofdstukken: [ en ]", row: row, column: 1, style: .dim)
        } else if chapterRows > 1 {
            for (index, chapter) in chapters.enumerated() {
                let isCurrent = index == currentChapter
                let text = "\(isCurrent ? "▸" : " ") \(index + 1) \(chapter.plainText)"
                let start = chapter.start.clock
                screen.write(TextLayout.truncate(text, to: width - 4 - start.count), row: row + index, column: 1, style: isCurrent ? .bold : .dim)
                screen.write(start, row: row + index, column: width - 1 - start.count, style: .dim)
            }
        }
        row += chapterRows
        for line in hintLines.prefix(hintRows) {
            screen.write(line, row: row, column: 1, style: CellStyle(foreground: .yellow))
            row += 1
        }
        drawRule(&screen, row: row, label: videoScreen.showsTranscript ? "transcript (t)" : "ondertiteling")
        row += 1

        let captionRows = height - 2 - row
        let cues = video.captions(in: state.language)?.cues ?? []
        if videoScreen.showsTranscript {
            drawTranscript(&screen, cues: cues, position: position, top: row, rows: captionRows)
        } else {
            drawCaptions(&screen, cues: cues, position: position, top: row, rows: captionRows)
        }
        drawPositionBar(&screen, playback: playback, video: video, row: height - 2)
    }

    /// The captions spoken so far, newest at the bottom; the one being spoken in bold.
    private func drawCaptions(_ screen: inout Screen, cues: [Cue], position: Double, top: Int, rows: Int) {
        guard rows > 0 else { return }
        guard let last = cues.lastIndex(where: { $0.start.seconds <= position + 0.0005 }) else {
            let text = cues.isEmpty ? "Deze video heeft geen ondertiteling." : "…"
            screen.write(text, row: top + rows / 2, column: max(1, (width - TextLayout.width(text)) / 2), style: .dim)
            return
        }
        var lines: [(String, CellStyle)] = []
        var index = last
        while index >= 0, lines.count < rows {
            let cue = cues[index]
            let isSpoken = position < cue.end.seconds
            let style: CellStyle = isSpoken && index == last ? .bold : .dim
            let wrapped = TextLayout.wrap(cue.plainText, width: width - 4).map { ($0, style) }
            lines.insert(contentsOf: wrapped + (lines.isEmpty ? [] : [("", .plain)]), at: 0)
            index -= 1
        }
        let shown = lines.suffix(rows)
        for (offset, line) in shown.enumerated() {
            screen.write(line.0, row: top + rows - shown.count + offset, column: 2, style: line.1)
        }
    }

    /// Every caption with its time, scrolled to the one being spoken.
    private func drawTranscript(_ screen: inout Screen, cues: [Cue], position: Double, top: Int, rows: Int) {
        guard rows > 0 else { return }
        guard !cues.isEmpty else {
            screen.write("Deze video heeft geen ondertiteling.", row: top, column: 2, style: .dim)
            return
        }
        let current = cues.lastIndex { $0.start.seconds <= position + 0.0005 }
        var lines: [(text: String, cue: Int)] = []
        var currentLine = 0
        for (index, cue) in cues.enumerated() {
            if index == current { currentLine = lines.count }
            let time = TextLayout.padLeft(cue.start.clock, to: 5)
            for (offset, text) in TextLayout.wrap(cue.plainText, width: width - 10).enumerated() {
                lines.append(((offset == 0 ? time : "     ") + "  " + text, index))
            }
        }
        let range = visibleRange(count: lines.count, selection: currentLine, height: rows)
        for (offset, index) in range.enumerated() {
            let line = lines[index]
            let style: CellStyle = line.cue == current ? CellStyle(foreground: .cyan, isBold: true) : .plain
            screen.write(line.text, row: top + offset, column: 1, style: style)
        }
    }

    /// "▶ 1:23 ━━━━●──── 2:32 1×": playing or paused, the position, what is watched (green), the speed.
    private func drawPositionBar(_ screen: inout Screen, playback: CaptionPlayback, video: Video, row: Int) {
        let duration = max(playback.duration, 0.001)
        let icon = playback.isPlaying ? "▶" : "‖"
        let left = "\(icon) \(Clock.text(playback.position)) "
        let speed = "  " + Self.speedText(playback.speed)
        let right = " \(video.duration.clock)\(speed)"
        let barWidth = width - 2 - TextLayout.width(left) - TextLayout.width(right)
        screen.write(left, row: row, column: 1, style: .bold)
        guard barWidth > 0 else { return }
        let played = state.progress.videos[video.id]?.played.segments ?? []
        let marker = min(barWidth - 1, Int(playback.position / duration * Double(barWidth)))
        for cell in 0..<barWidth {
            let time = (Double(cell) + 0.5) / Double(barWidth) * duration
            let isWatched = played.contains { $0.from <= time && time <= $0.to }
            let character: Character = cell == marker ? "●" : (cell < marker ? "━" : "─")
            var style = CellStyle(foreground: isWatched ? .green : nil, isDim: cell > marker && !isWatched)
            if cell == marker { style.isBold = true }
            screen.write(String(character), row: row, column: 1 + TextLayout.width(left) + cell, style: style)
        }
        screen.write(right, row: row, column: width - 1 - TextLayout.width(right), style: .plain)
    }

    /// "1,25×": the speed with a Dutch decimal comma.
    static func speedText(_ speed: Double) -> String {
        let hundredths = Int((speed * 100).rounded())
        let whole = hundredths / 100
        var fraction = String(hundredths % 100)
        if fraction.count == 1 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)×" : "\(whole),\(fraction)×"
    }
}
