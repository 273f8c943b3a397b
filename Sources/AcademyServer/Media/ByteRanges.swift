/// The `Range` header of RFC 9110 section 14.2, for `bytes`: what to send of a representation of
/// `length` bytes.
///
/// For example:
///
/// ```swift
/// ByteRanges.evaluate("bytes=0-99", length: 5000)     // .partial([0...99])
/// ByteRanges.evaluate("bytes=-100", length: 5000)     // .partial([4900...4999])
/// ByteRanges.evaluate("bytes=9000-", length: 5000)    // .unsatisfiable
/// ByteRanges.evaluate("items=0-1", length: 5000)      // .full: another unit is ignored
/// ```
public enum ByteRanges {
    /// What a request's Range asks for.
    public enum Outcome: Sendable, Hashable {
        /// Send the whole representation (no Range, another unit, or a Range that is ignored).
        case full
        /// Send these ranges (sorted, non-overlapping, within the representation).
        case partial([ClosedRange<Int>])
        /// No range is satisfiable: `416` with `Content-Range: bytes */length`.
        case unsatisfiable
    }

    /// More ranges than this in one request are not worth honouring (RFC 9110 §14.2 allows ignoring
    /// them); the whole representation is sent instead.
    public static let maximumRanges = 16

    /// Evaluates a `Range` header value against a representation of `length` bytes.
    ///
    /// Read byte by byte: a video player sends one on nearly every request.
    public static func evaluate(_ header: String?, length: Int) -> Outcome {
        guard var header else { return .full }
        return header.withUTF8 { evaluate(bytes: $0, length: length) }
    }

    private static func evaluate(bytes: UnsafeBufferPointer<UInt8>, length: Int) -> Outcome {
        let (equals, comma, dash, space, tab) = (UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "\t"))
        guard let unitEnd = bytes.firstIndex(of: equals) else { return .full }
        guard lowercasedEquals(trimmed(bytes, 0, unitEnd), "bytes") else { return .full }
        var ranges: [ClosedRange<Int>] = []
        var specCount = 0
        var specStart = unitEnd + 1
        while true {
            let specEnd = bytes[specStart...].firstIndex(of: comma) ?? bytes.endIndex
            specCount += 1
            guard specCount <= maximumRanges else { return .full }
            let spec = trimmed(bytes, specStart, specEnd)
            guard let dashIndex = spec.firstIndex(of: dash) else { return .full }
            let first = spec[spec.startIndex..<dashIndex]
            let last = spec[(dashIndex + 1)..<spec.endIndex]
            if first.isEmpty {
                // A suffix: the last N bytes.
                guard let count = number(last) else { return .full }
                if count > 0, length > 0 { ranges.append(max(0, length - count)...(length - 1)) }
            } else {
                guard let start = number(first) else { return .full }
                var end = length - 1
                if !last.isEmpty {
                    guard let given = number(last), given >= start else { return .full }
                    end = min(given, length - 1)
                }
                if start < length { ranges.append(start...end) }
            }
            guard specEnd < bytes.endIndex else { break }
            specStart = specEnd + 1
        }
        guard !ranges.isEmpty else { return .unsatisfiable }
        return .partial(ranges.count == 1 ? ranges : coalesce(ranges))

        func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Slice<UnsafeBufferPointer<UInt8>> {
            var (start, end) = (start, end)
            while start < end, bytes[start] == space || bytes[start] == tab { start += 1 }
            while end > start, bytes[end - 1] == space || bytes[end - 1] == tab { end -= 1 }
            return bytes[start..<end]
        }
    }

    /// Whether ASCII `bytes` spell `word` (lowercase) in any case.
    private static func lowercasedEquals(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        return zip(bytes, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)).allSatisfy { ($0 | 0x20) == $1 }
    }

    /// Sorts ranges and merges those that overlap or touch.
    static func coalesce(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var merged: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// A decimal number of up to 18 digits (larger ones cannot be a position in a file).
    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (HTTP's optional white space).
    var trimmingSpaces: SubSequence {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}
