public import AcademyXML

/// A parsed WebVTT file: its cues and the line of each cue's timing line.
public struct WebVTTFile: Sendable, Hashable {
    /// The cues in file order.
    public var cues: [Cue]
    /// For each cue, the line (from 1) of its timing line.
    public var cueLines: [Int]
}

/// Reads WebVTT files as the W3C specification describes them (https://www.w3.org/TR/webvtt1/):
/// the `WEBVTT` header, comment, style and region blocks, cue identifiers, cue timings, settings and
/// payloads, with a diagnostic and its line for everything that breaks the syntax.
///
/// For example:
///
/// ```swift
/// let result = WebVTTParser.parse(bytes: Array("WEBVTT\n\n00:01.000 --> 00:04.000\nHallo".utf8), path: "x.vtt")
/// result.file?.cues.first?.text   // "Hallo"
/// ```
public enum WebVTTParser {
    /// The outcome of a parse: the file when its header is valid, and the problems found.
    public struct Result: Sendable {
        /// The cues that could be read; `nil` when the file is not WebVTT at all.
        public var file: WebVTTFile?
        /// The problems found, in file order.
        public var diagnostics: [Diagnostic]
    }

    /// Parses `bytes`; `path` names the file in diagnostics.
    public static func parse(bytes: [UInt8], path: String) -> Result {
        var diagnostics: [Diagnostic] = []
        func report(_ severity: Diagnostic.Severity, _ code: String, _ message: String, line: Int, column: Int? = 1) {
            diagnostics.append(Diagnostic(severity, code: code, message, at: SourceLocation(file: path, line: line, column: column)))
        }

        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let bad = firstInvalidUTF8Line(body) {
            report(.error, "V012", "the file is not valid UTF-8 (or holds a NUL byte): save it as UTF-8 text", line: bad)
            return Result(file: nil, diagnostics: diagnostics)
        }
        let lines = splitLines(body)
        guard let first = lines.first, isSignature(first.bytes) else {
            report(
                .error,
                "V001",
                "a WebVTT file must start with the line 'WEBVTT' (optionally followed by a space and a title); add it as the first line",
                line: 1
            )
            return Result(file: nil, diagnostics: diagnostics)
        }

        var cues: [Cue] = []
        var cueLines: [Int] = []
        var index = 1
        // The header runs to the first blank line; a timing line inside it starts the first cue.
        while index < lines.count, !lines[index].bytes.isEmpty, !containsArrow(lines[index].bytes) { index += 1 }

        while index < lines.count {
            while index < lines.count, lines[index].bytes.isEmpty { index += 1 }
            guard index < lines.count else { break }
            var block: [Line] = []
            while index < lines.count, !lines[index].bytes.isEmpty {
                block.append(lines[index])
                index += 1
            }
            let head = block[0].bytes
            if startsWithKeyword(head, "NOTE") { continue }
            if cues.isEmpty, startsWithKeyword(head, "STYLE") || startsWithKeyword(head, "REGION"), !containsArrow(head) { continue }

            var timingIndex = 0
            var identifier: String?
            if !containsArrow(head) {
                identifier = String(decoding: head, as: UTF8.self)
                timingIndex = 1
                guard block.count > 1, containsArrow(block[1].bytes) else {
                    report(
                        .error,
                        "V002",
                        "this block is neither a cue nor a NOTE: a cue needs a timing line such as '00:01.000 --> 00:04.000' "
                            + "(after an optional identifier line); start a comment with 'NOTE'",
                        line: block[0].number
                    )
                    continue
                }
            }
            let timing = block[timingIndex]
            guard let parsed = parseTiming(timing.bytes) else {
                report(
                    .error,
                    "V002",
                    "malformed cue timing '\(String(decoding: timing.bytes, as: UTF8.self))': write it as "
                        + "'mm:ss.ttt --> mm:ss.ttt' or 'hh:mm:ss.ttt --> hh:mm:ss.ttt', for example '00:01.000 --> 00:04.500'",
                    line: timing.number
                )
                continue
            }
            var payload: [String] = []
            for line in block[(timingIndex + 1)...] {
                if containsArrow(line.bytes) {
                    report(
                        .error,
                        "V002",
                        "a cue's text cannot contain '-->': put an empty line before this timing line to start a new cue",
                        line: line.number
                    )
                    break
                }
                payload.append(String(decoding: line.bytes, as: UTF8.self))
            }
            for problem in settingsProblems(parsed.settings) {
                report(.warning, "V007", problem, line: timing.number)
            }
            if parsed.end <= parsed.start {
                report(
                    .error,
                    "V003",
                    "the cue ends (\(format(parsed.end))) at or before its start (\(format(parsed.start))): make the end time later than the start",
                    line: timing.number
                )
            }
            if let previous = cues.last, parsed.start < previous.start.milliseconds {
                report(
                    .error,
                    "V004",
                    "cues out of order: this cue starts at \(format(parsed.start)), before the previous cue (\(format(previous.start.milliseconds)), "
                        + "line \(cueLines[cueLines.count - 1])); order cues by start time",
                    line: timing.number
                )
            }
            if payload.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) {
                report(.warning, "V011", "the cue has no text: add its text on the lines after the timing, or remove the cue", line: timing.number)
            }
            cues.append(
                Cue(
                    identifier: identifier,
                    start: MediaDuration(milliseconds: parsed.start),
                    end: MediaDuration(milliseconds: parsed.end),
                    settings: parsed.settings,
                    text: payload.joined(separator: "\n")
                )
            )
            cueLines.append(timing.number)
        }
        return Result(file: WebVTTFile(cues: cues, cueLines: cueLines), diagnostics: diagnostics)
    }

    // MARK: - Lines

    struct Line {
        var bytes: ArraySlice<UInt8>
        var number: Int
    }

    /// Splits at CRLF, CR or LF, as the specification's line terminators.
    static func splitLines(_ bytes: ArraySlice<UInt8>) -> [Line] {
        var lines: [Line] = []
        lines.reserveCapacity(bytes.count / 24)
        var start = bytes.startIndex
        var index = start
        var number = 1
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(Line(bytes: bytes[start..<index], number: number))
                number += 1
                if byte == 0x0D, index + 1 < bytes.endIndex, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.endIndex { lines.append(Line(bytes: bytes[start..<bytes.endIndex], number: number)) }
        return lines
    }

    static func firstInvalidUTF8Line(_ bytes: ArraySlice<UInt8>) -> Int? {
        if bytes.allSatisfy({ $0 < 0x80 && $0 != 0 }) { return nil }
        var line = 1
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index <= bytes.endIndex {
            if index == bytes.endIndex || bytes[index] == 0x0A {
                let slice = bytes[lineStart..<index]
                if slice.contains(0) || String(validating: slice, as: UTF8.self) == nil { return line }
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return nil
    }

    private static func isSignature(_ line: ArraySlice<UInt8>) -> Bool {
        let signature: [UInt8] = Array("WEBVTT".utf8)
        guard line.starts(with: signature) else { return false }
        let rest = line.dropFirst(signature.count)
        return rest.isEmpty || rest.first == 0x20 || rest.first == 0x09
    }

    private static func startsWithKeyword(_ line: ArraySlice<UInt8>, _ keyword: String) -> Bool {
        let word = Array(keyword.utf8)
        guard line.starts(with: word) else { return false }
        let rest = line.dropFirst(word.count)
        return rest.isEmpty || rest.first == 0x20 || rest.first == 0x09
    }

    private static func containsArrow(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.count >= 3 else { return false }
        var index = line.startIndex
        while index + 2 < line.endIndex {
            if line[index] == 0x2D, line[index + 1] == 0x2D, line[index + 2] == 0x3E { return true }
            index += 1
        }
        return false
    }

    // MARK: - Timings

    struct Timing {
        var start: Int
        var end: Int
        var settings: String
    }

    /// `timestamp ws+ --> ws+ timestamp [ws+ settings]`, as the specification's cue timings.
    static func parseTiming(_ line: ArraySlice<UInt8>) -> Timing? {
        var cursor = line.startIndex
        func skipSpace() -> Bool {
            let before = cursor
            while cursor < line.endIndex, line[cursor] == 0x20 || line[cursor] == 0x09 { cursor += 1 }
            return cursor > before
        }
        guard let start = parseTimestamp(line, &cursor) else { return nil }
        guard skipSpace(), cursor + 3 <= line.endIndex, line[cursor] == 0x2D, line[cursor + 1] == 0x2D, line[cursor + 2] == 0x3E else {
            return nil
        }
        cursor += 3
        guard skipSpace(), let end = parseTimestamp(line, &cursor) else { return nil }
        let hadSpace = skipSpace()
        guard cursor == line.endIndex || hadSpace else { return nil }
        return Timing(start: start, end: end, settings: String(decoding: line[cursor...], as: UTF8.self))
    }

    /// `[hh+:]mm:ss.ttt` in milliseconds; minutes and seconds 00-59.
    static func parseTimestamp(_ line: ArraySlice<UInt8>, _ cursor: inout Int) -> Int? {
        func digits() -> (value: Int, count: Int)? {
            var value = 0
            var count = 0
            while cursor < line.endIndex, (0x30...0x39).contains(line[cursor]) {
                value = value &* 10 &+ Int(line[cursor] - 0x30)
                count += 1
                cursor += 1
                if count > 9 { return nil }
            }
            return count > 0 ? (value, count) : nil
        }
        func expect(_ byte: UInt8) -> Bool {
            guard cursor < line.endIndex, line[cursor] == byte else { return false }
            cursor += 1
            return true
        }
        guard let first = digits(), expect(0x3A), let second = digits(), second.count == 2 else { return nil }
        var hours = 0
        var minutes = first
        var seconds = second
        if cursor < line.endIndex, line[cursor] == 0x3A {
            cursor += 1
            guard first.count >= 2, let third = digits(), third.count == 2 else { return nil }
            hours = first.value
            minutes = second
            seconds = third
        } else if first.count != 2 {
            return nil
        }
        guard minutes.count == 2, minutes.value < 60, seconds.value < 60, expect(0x2E), let fraction = digits(), fraction.count == 3 else {
            return nil
        }
        return ((hours * 60 + minutes.value) * 60 + seconds.value) * 1000 + fraction.value
    }

    /// Problems with cue settings (`vertical`, `line`, `position`, `size`, `align`, `region`).
    static func settingsProblems(_ settings: String) -> [String] {
        var problems: [String] = []
        var seen: Set<Substring> = []
        for setting in settings.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            guard let colon = setting.firstIndex(of: ":"), colon != setting.startIndex, setting.index(after: colon) != setting.endIndex else {
                problems.append("cue setting '\(setting)' is not 'name:value': write for example 'align:start', or remove it")
                continue
            }
            let name = setting[..<colon]
            let value = setting[setting.index(after: colon)...]
            if !seen.insert(name).inserted { problems.append("cue setting '\(name)' is given twice: keep one") }
            let valid: Bool
            switch name {
            case "vertical": valid = value == "rl" || value == "lr"
            case "line": valid = isLinePosition(value)
            case "position": valid = isPercentage(value.split(separator: ",", maxSplits: 1).first ?? "")
            case "size": valid = isPercentage(value)
            case "align": valid = ["start", "center", "end", "left", "right"].contains(value)
            case "region": valid = !value.contains("-->")
            default:
                problems.append("unknown cue setting '\(name)': use vertical, line, position, size, align or region")
                continue
            }
            if !valid { problems.append("cue setting '\(setting)' has an invalid value: see https://www.w3.org/TR/webvtt1/#webvtt-cue-settings") }
        }
        return problems
    }

    private static func isPercentage(_ text: Substring) -> Bool {
        guard text.last == "%", let number = Double(text.dropLast()) else { return false }
        return (0...100).contains(number)
    }

    private static func isLinePosition(_ text: Substring) -> Bool {
        let parts = text.split(separator: ",", maxSplits: 1)
        guard let position = parts.first else { return false }
        if parts.count == 2, !["start", "center", "end"].contains(parts[1]) { return false }
        return isPercentage(position) || Int(position) != nil
    }

    static func format(_ milliseconds: Int) -> String {
        let hours = milliseconds / 3_600_000
        let minutes = milliseconds / 60_000 % 60
        let seconds = milliseconds / 1000 % 60
        let millis = milliseconds % 1000
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return (hours > 0 ? pad(hours, 2) + ":" : "") + "\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(millis, 3))"
    }
}
