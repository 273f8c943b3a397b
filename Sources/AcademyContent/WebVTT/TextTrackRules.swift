public import AcademyXML

/// The rules for a WebVTT track in the context of its video: cues inside the video's duration,
/// chapters that do not overlap, and for captions the subtitle guidelines (cue length, line length,
/// reading speed).
public enum TextTrackRules {
    /// Which kind of track a file is.
    public enum Kind: String, Sendable {
        /// Captions: the spoken text.
        case captions
        /// Chapters: one cue per chapter title.
        case chapters
    }

    /// The shortest cue that can be read: 1 second.
    public static let minimumCueMilliseconds = 1000
    /// The longest cue before it should be split: 7 seconds.
    public static let maximumCueMilliseconds = 7000
    /// The most lines a caption shows at once.
    public static let maximumLines = 2
    /// The most characters on one caption line.
    public static let maximumLineLength = 42
    /// The fastest reading speed, in characters a second.
    public static let maximumCharactersPerSecond = 20.0

    /// The problems of `file` as a track of `kind` for a video of `duration` (unknown: `nil`).
    public static func check(_ file: WebVTTFile, kind: Kind, duration: MediaDuration?, path: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func report(_ severity: Diagnostic.Severity, _ code: String, _ message: String, line: Int) {
            diagnostics.append(Diagnostic(severity, code: code, message, at: SourceLocation(file: path, line: line, column: 1)))
        }
        if file.cueCount == 0 {
            let what = kind == .captions ? "the complete spoken text as timed cues" : "one cue per chapter"
            report(.error, "V011", "the \(kind.rawValue) file has no cues: add \(what)", line: 1)
            return diagnostics
        }
        var previousEnd: MediaDuration?
        for index in 0..<file.cueCount {
            let (start, end) = (file.cueTimes[index].start, file.cueTimes[index].end)
            let line = file.cueLines[index]
            if let duration, end > duration {
                report(
                    .error,
                    "V005",
                    "the cue ends at \(WebVTTParser.format(end.milliseconds)), after the end of the video "
                        + "(\(duration.iso8601) = \(WebVTTParser.format(duration.milliseconds))): shorten the cue or correct the video's duration",
                    line: line
                )
            }
            switch kind {
            case .chapters:
                if let previousEnd, start < previousEnd {
                    report(
                        .error,
                        "V006",
                        "this chapter starts at \(WebVTTParser.format(start.milliseconds)), before the previous chapter ends "
                            + "(\(WebVTTParser.format(previousEnd.milliseconds))): chapters may not overlap",
                        line: line
                    )
                }
                previousEnd = max(previousEnd ?? end, end)
            case .captions:
                checkCaption(length: end.milliseconds - start.milliseconds, metrics: file.metrics[index], line: line, report: report)
            }
        }
        return diagnostics
    }

    /// The guidelines for a caption shown for `length` milliseconds.
    private static func checkCaption(
        length: Int,
        metrics: CueMetrics,
        line: Int,
        report: (Diagnostic.Severity, String, String, Int) -> Void
    ) {
        guard length > 0 else { return }
        if length < minimumCueMilliseconds || length > maximumCueMilliseconds {
            let seconds = Double(length) / 1000
            report(
                .warning,
                "V008",
                "the cue shows for \(seconds.formatted1) s: captions should show for 1 to 7 seconds; "
                    + (length > maximumCueMilliseconds ? "split it into shorter cues" : "merge it with a neighbour"),
                line
            )
        }
        let (lineCount, longest, characters) = (metrics.lines, metrics.longestLine, metrics.characters)
        if lineCount > maximumLines {
            report(.warning, "V009", "the cue has \(lineCount) lines: show at most \(maximumLines) lines at once; split the cue", line)
        }
        if longest > maximumLineLength {
            report(
                .warning,
                "V009",
                "a caption line has \(longest) characters: keep lines to \(maximumLineLength) characters; break the line or split the cue",
                line
            )
        }
        // At most 19 characters a second is surely within the limit: most cues skip the divisions.
        guard characters * 1000 > 19 * length else { return }
        let speed = Double(characters) / (Double(length) / 1000)
        if speed > maximumCharactersPerSecond {
            report(
                .warning,
                "V010",
                "reading speed is \(speed.formatted1) characters a second, over \(Int(maximumCharactersPerSecond)): "
                    + "show the cue longer or shorten its text",
                line
            )
        }
    }
}

extension Double {
    /// The number with one decimal, such as "7.5".
    var formatted1: String {
        let tenths = Int((self * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
