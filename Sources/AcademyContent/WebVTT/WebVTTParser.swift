public import AcademyXML

#if canImport(Glibc)
import Glibc
#endif

/// Reads WebVTT files as the W3C specification describes them (https://www.w3.org/TR/webvtt1/):
/// the `WEBVTT` header, comment, style and region blocks, cue identifiers, cue timings, settings and
/// payloads, with a diagnostic and its line for everything that breaks the syntax.
///
/// It works on the file's bytes, making strings only for what it keeps: the validator reads
/// thousands of captions files.
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

    /// Parses `bytes`; `path` names the file in diagnostics. Without `keepsText`, no cues are kept,
    /// only their lines, times and measurements, which is all a validation needs.
    public static func parse(bytes: [UInt8], path: String, keepsText: Bool = true) -> Result {
        bytes.withUnsafeBufferPointer { parse(buffer: $0, path: path, keepsText: keepsText) }
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>, path: String, keepsText: Bool) -> Result {
        var diagnostics: [Diagnostic] = []
        func report(_ severity: Diagnostic.Severity, _ code: String, _ message: String, line: Int) {
            diagnostics.append(Diagnostic(severity, code: code, message, at: SourceLocation(file: path, line: line, column: 1)))
        }
        var scanner = LineScanner(buffer: buffer)
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.position = 3 }
        let isASCII = isPlainASCII(buffer, from: scanner.position)
        if !isASCII, let bad = firstInvalidUTF8Line(buffer, from: scanner.position) {
            report(.error, "V012", "the file is not valid UTF-8 (or holds a NUL byte): save it as UTF-8 text", line: bad)
            return Result(file: nil, diagnostics: diagnostics)
        }
        guard let first = scanner.next(), startsWithKeyword(buffer[first.range], "WEBVTT") else {
            report(
                .error,
                "V001",
                "a WebVTT file must start with the line 'WEBVTT' (optionally followed by a space and a title); add it as the first line",
                line: 1
            )
            return Result(file: nil, diagnostics: diagnostics)
        }

        // About one cue per 60 bytes in captions; reserving saves the arrays' regrowth.
        let expected = buffer.count / 60 + 1
        var cues: [Cue] = []
        var cueLines: [Int] = []
        var cueTimes: [CueTimes] = []
        var metrics: [CueMetrics] = []
        if keepsText { cues.reserveCapacity(expected) }
        cueLines.reserveCapacity(expected)
        cueTimes.reserveCapacity(expected)
        metrics.reserveCapacity(expected)
        var arrows = ArrowFinder(buffer: buffer)
        // Most captions have no markup at all: two searches of the file spare two a line.
        let mayHaveMarkup = mayContainMarkup(buffer, from: scanner.position)
        // The previous cue's start and line, for the order check.
        var previous: (start: Int, line: Int)?
        // The header runs to the first blank line; a timing line inside it starts the first cue.
        var pending: Line?
        while let line = scanner.next() {
            if line.range.isEmpty { break }
            if arrows.contains(line.range) {
                pending = line
                break
            }
        }

        while true {
            // The first line of the next block.
            var head: Line
            if let line = pending {
                head = line
                pending = nil
            } else {
                var found: Line?
                while let line = scanner.next() {
                    if !line.range.isEmpty {
                        found = line
                        break
                    }
                }
                guard let found else { break }
                head = found
            }
            let headBytes = buffer[head.range]
            let headHasArrow = arrows.contains(head.range)
            if startsWithKeyword(headBytes, "NOTE") || (cueLines.isEmpty && (startsWithKeyword(headBytes, "STYLE") || startsWithKeyword(headBytes, "REGION")) && !headHasArrow) {
                scanner.skipBlock()
                continue
            }
            var identifier: String?
            var timing = head
            if !headHasArrow {
                guard let second = scanner.next(), !second.range.isEmpty, arrows.contains(second.range) else {
                    report(
                        .error,
                        "V002",
                        "this block is neither a cue nor a NOTE: a cue needs a timing line such as '00:01.000 --> 00:04.000' "
                            + "(after an optional identifier line); start a comment with 'NOTE'",
                        line: head.number
                    )
                    scanner.skipBlock()
                    continue
                }
                if keepsText { identifier = String(decoding: headBytes, as: UTF8.self) }
                timing = second
            }
            guard let parsed = parseTiming(buffer[timing.range]) else {
                report(
                    .error,
                    "V002",
                    "malformed cue timing '\(String(decoding: buffer[timing.range], as: UTF8.self))': write it as "
                        + "'mm:ss.ttt --> mm:ss.ttt' or 'hh:mm:ss.ttt --> hh:mm:ss.ttt', for example '00:01.000 --> 00:04.500'",
                    line: timing.number
                )
                scanner.skipBlock()
                continue
            }
            // The payload: the lines up to a blank line, measured as they are read.
            var payloadStart: Int?
            var payloadEnd = 0
            var hasMarkupOrReturn = false
            var isBlank = true
            var lineCount = 0
            var longest = 0
            var characters = 0
            while let line = scanner.next() {
                if line.range.isEmpty { break }
                if arrows.contains(line.range) {
                    report(
                        .error,
                        "V002",
                        "a cue's text cannot contain '-->': put an empty line before this timing line to start a new cue",
                        line: line.number
                    )
                    pending = line
                    break
                }
                if payloadStart == nil { payloadStart = line.range.lowerBound }
                payloadEnd = line.range.upperBound
                let base = buffer.baseAddress! + line.range.lowerBound
                let count = line.range.count
                if mayHaveMarkup, memchr(base, 0x3C, count) != nil || memchr(base, 0x26, count) != nil {
                    hasMarkupOrReturn = true
                }
                var length = count
                if !isASCII {
                    length = 0
                    for index in 0..<count where base[index] & 0xC0 != 0x80 { length += 1 }
                }
                if isBlank, (0..<count).contains(where: { base[$0] != 0x20 && base[$0] != 0x09 }) { isBlank = false }
                lineCount += 1
                longest = max(longest, length)
                characters += length
            }
            let payload = payloadStart.map { buffer[$0..<payloadEnd] } ?? buffer[0..<0]
            hasMarkupOrReturn = hasMarkupOrReturn || (scanner.hasReturns && memchr(buffer.baseAddress! + payload.startIndex, 0x0D, payload.count) != nil)
            var text = ""
            if keepsText || hasMarkupOrReturn {
                text = String(decoding: payload, as: UTF8.self)
                if hasMarkupOrReturn { text = text.replacingLineBreaks() }
            }
            let measured =
                hasMarkupOrReturn
                ? CueMetrics(plainText: WebVTTText.plain(text))
                : CueMetrics(lines: max(1, lineCount), longestLine: longest, characters: characters)

            if !parsed.settings.isEmpty {
                for problem in settingsProblems(parsed.settings) {
                    report(.warning, "V007", problem, line: timing.number)
                }
            }
            if parsed.end <= parsed.start {
                report(
                    .error,
                    "V003",
                    "the cue ends (\(format(parsed.end))) at or before its start (\(format(parsed.start))): make the end time later than the start",
                    line: timing.number
                )
            }
            if let previous, parsed.start < previous.start {
                report(
                    .error,
                    "V004",
                    "cues out of order: this cue starts at \(format(parsed.start)), before the previous cue (\(format(previous.start)), "
                        + "line \(previous.line)); order cues by start time",
                    line: timing.number
                )
            }
            previous = (parsed.start, timing.number)
            if isBlank {
                report(.warning, "V011", "the cue has no text: add its text on the lines after the timing, or remove the cue", line: timing.number)
            }
            let times = CueTimes(start: MediaDuration(milliseconds: parsed.start), end: MediaDuration(milliseconds: parsed.end))
            if keepsText {
                cues.append(Cue(identifier: identifier, start: times.start, end: times.end, settings: parsed.settings, text: text))
            }
            cueLines.append(timing.number)
            cueTimes.append(times)
            metrics.append(measured)
        }
        let file = WebVTTFile(cues: cues, cueLines: cueLines, cueTimes: cueTimes, metrics: metrics)
        return Result(file: file, diagnostics: diagnostics)
    }

    // MARK: - Lines

    struct Line {
        var range: Range<Int>
        var number: Int
    }

    /// Reads lines ending in CRLF, CR or LF, the specification's line terminators.
    struct LineScanner {
        let buffer: UnsafeBufferPointer<UInt8>
        /// Whether the file has any CR; without one, lines are found with `memchr`.
        let hasReturns: Bool
        var position = 0
        var number = 0

        init(buffer: UnsafeBufferPointer<UInt8>) {
            self.buffer = buffer
            self.hasReturns = buffer.count > 0 && memchr(buffer.baseAddress!, 0x0D, buffer.count) != nil
        }

        mutating func next() -> Line? {
            guard position < buffer.count else { return nil }
            let start = position
            let base = buffer.baseAddress!
            var end: Int
            if !hasReturns {
                if let found = memchr(base + start, 0x0A, buffer.count - start) {
                    end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    position = end + 1
                } else {
                    end = buffer.count
                    position = end
                }
            } else {
                end = start
                while end < buffer.count, base[end] != 0x0A, base[end] != 0x0D { end += 1 }
                position = end
                if position < buffer.count {
                    if base[position] == 0x0D, position + 1 < buffer.count, base[position + 1] == 0x0A { position += 1 }
                    position += 1
                }
            }
            number += 1
            return Line(range: start..<end, number: number)
        }

        /// Skips to the end of the current block (the next blank line).
        mutating func skipBlock() {
            while let line = next(), !line.range.isEmpty {}
        }
    }

    /// Whether the bytes from `start` are all ASCII without NUL, checked eight at a time.
    static func isPlainASCII(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard let base = buffer.baseAddress, start < buffer.count else { return true }
        if memchr(base + start, 0, buffer.count - start) != nil { return false }
        let raw = UnsafeRawPointer(base)
        var index = start
        // Four words a step, then one: a captions file is a few kilobytes of ASCII.
        while index + 32 <= buffer.count {
            let low = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
            let high = raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
            if (low | high) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 32
        }
        while index + 8 <= buffer.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < buffer.count {
            if base[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    static func firstInvalidUTF8Line(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var line = 1
        var lineStart = start
        for position in start...buffer.count where position == buffer.count || buffer[position] == 0x0A {
            let slice = UnsafeBufferPointer(rebasing: buffer[lineStart..<position])
            if slice.contains(0) || String(validating: slice, as: UTF8.self) == nil { return line }
            line += 1
            lineStart = position + 1
        }
        return nil
    }

    private static func startsWithKeyword(_ line: Slice<UnsafeBufferPointer<UInt8>>, _ keyword: StaticString) -> Bool {
        let word = UnsafeBufferPointer(start: keyword.utf8Start, count: keyword.utf8CodeUnitCount)
        guard line.starts(with: word) else { return false }
        let rest = line.dropFirst(word.count)
        return rest.isEmpty || rest.first == 0x20 || rest.first == 0x09
    }

    /// Whether the bytes from `start` hold a `<` or `&`, the start of a tag or character reference.
    private static func mayContainMarkup(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard let base = buffer.baseAddress, start < buffer.count else { return false }
        return memchr(base + start, 0x3C, buffer.count - start) != nil || memchr(base + start, 0x26, buffer.count - start) != nil
    }

    static func containsArrow(_ range: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count >= 3 else { return false }
        let base = buffer.baseAddress!
        var from = range.lowerBound + 2
        while from < range.upperBound, let found = memchr(base + from, 0x3E, range.upperBound - from) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if base[index - 1] == 0x2D, base[index - 2] == 0x2D { return true }
            from = index + 1
        }
        return false
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

extension String {
    /// The text with CRLF and CR line breaks made LF.
    func replacingLineBreaks() -> String {
        guard utf8.contains(0x0D) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var previousWasReturn = false
        for byte in utf8 {
            if byte == 0x0D {
                bytes.append(0x0A)
                previousWasReturn = true
                continue
            }
            if byte == 0x0A, previousWasReturn {
                previousWasReturn = false
                continue
            }
            previousWasReturn = false
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
