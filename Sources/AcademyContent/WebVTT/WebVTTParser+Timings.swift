/// Cue timings: `timestamp --> timestamp [settings]`, read from the line's bytes in place.
extension WebVTTParser {
    struct Timing {
        var start: Int
        var end: Int
        var settings: String
    }

    /// `timestamp ws+ --> ws+ timestamp [ws+ settings]`, as the specification's cue timings.
    static func parseTiming(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Timing? {
        // Offsets into the buffer's memory: a timing line is read for every cue, and a slice's
        // bounds checks cost more than the parse.
        guard let base = line.base.baseAddress else { return nil }
        let end = line.endIndex
        var cursor = line.startIndex
        func skipSpace() -> Bool {
            let before = cursor
            while cursor < end, base[cursor] == 0x20 || base[cursor] == 0x09 { cursor += 1 }
            return cursor > before
        }
        guard let start = parseTimestamp(base, end: end, &cursor) else { return nil }
        guard skipSpace(), cursor + 3 <= end, base[cursor] == 0x2D, base[cursor + 1] == 0x2D, base[cursor + 2] == 0x3E else {
            return nil
        }
        cursor += 3
        guard skipSpace(), let stop = parseTimestamp(base, end: end, &cursor) else { return nil }
        let hadSpace = skipSpace()
        guard cursor == end || hadSpace else { return nil }
        return Timing(start: start, end: stop, settings: cursor == end ? "" : String(decoding: line[cursor...], as: UTF8.self))
    }

    /// `[hh+:]mm:ss.ttt` in milliseconds; minutes and seconds 00-59. It reads from `cursor` up
    /// to `end` of the bytes at `base`.
    static func parseTimestamp(_ base: UnsafePointer<UInt8>, end: Int, _ cursor: inout Int) -> Int? {
        if let value = shortTimestamp(base, end: end, &cursor) { return value }
        guard let first = digits(base, end: end, &cursor), expect(0x3A, base, end: end, &cursor),
            let second = digits(base, end: end, &cursor), second.count == 2
        else { return nil }
        var hours = 0
        var minutes = first
        var seconds = second
        if cursor < end, base[cursor] == 0x3A {
            cursor += 1
            guard first.count >= 2, let third = digits(base, end: end, &cursor), third.count == 2 else { return nil }
            hours = first.value
            minutes = second
            seconds = third
        } else if first.count != 2 {
            return nil
        }
        guard minutes.count == 2, minutes.value < 60, seconds.value < 60, expect(0x2E, base, end: end, &cursor),
            let fraction = digits(base, end: end, &cursor), fraction.count == 3
        else {
            return nil
        }
        return ((hours * 60 + minutes.value) * 60 + seconds.value) * 1000 + fraction.value
    }

    /// `mm:ss.ttt` followed by a non-digit or the end, the form nearly every cue uses, read at fixed
    /// offsets; `nil` leaves everything else, and the cursor, to ``parseTimestamp(_:end:_:)``.
    @inline(__always)
    private static func shortTimestamp(_ base: UnsafePointer<UInt8>, end: Int, _ cursor: inout Int) -> Int? {
        let at = cursor
        guard at + 9 <= end, base[at + 2] == 0x3A, base[at + 5] == 0x2E, at + 9 == end || base[at + 9] &- 0x30 >= 10 else { return nil }
        func digit(_ offset: Int) -> Int { Int(base[at + offset] &- 0x30) }
        let (m1, m2, s1, s2, t1, t2, t3) = (digit(0), digit(1), digit(3), digit(4), digit(6), digit(7), digit(8))
        guard m1 < 6, m2 < 10, s1 < 6, s2 < 10, t1 < 10, t2 < 10, t3 < 10 else { return nil }
        cursor = at + 9
        return ((m1 * 10 + m2) * 60 + s1 * 10 + s2) * 1000 + t1 * 100 + t2 * 10 + t3
    }

    /// The run of ASCII digits at `cursor` (at most nine) as a number, and how many there are.
    @inline(__always)
    private static func digits(_ base: UnsafePointer<UInt8>, end: Int, _ cursor: inout Int) -> (value: Int, count: Int)? {
        var value = 0
        var count = 0
        while cursor < end {
            let digit = base[cursor] &- 0x30
            guard digit < 10 else { break }
            value = value &* 10 &+ Int(digit)
            count += 1
            cursor += 1
            if count > 9 { return nil }
        }
        return count > 0 ? (value, count) : nil
    }

    /// Steps over `byte` at `cursor`, if it is there.
    @inline(__always)
    private static func expect(_ byte: UInt8, _ base: UnsafePointer<UInt8>, end: Int, _ cursor: inout Int) -> Bool {
        guard cursor < end, base[cursor] == byte else { return false }
        cursor += 1
        return true
    }
}
