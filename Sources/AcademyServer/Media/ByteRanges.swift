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
    public static func evaluate(_ header: String?, length: Int) -> Outcome {
        guard let header else { return .full }
        let trimmed = header.trimmingSpaces
        guard let equals = trimmed.firstIndex(of: "=") else { return .full }
        guard trimmed[..<equals].trimmingSpaces.lowercased() == "bytes" else { return .full }
        let specs = trimmed[trimmed.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false).map(\.trimmingSpaces)
        guard !specs.isEmpty, specs.count <= maximumRanges else { return .full }
        var ranges: [ClosedRange<Int>] = []
        for spec in specs {
            guard let dash = spec.firstIndex(of: "-") else { return .full }
            let first = spec[..<dash]
            let last = spec[spec.index(after: dash)...]
            if first.isEmpty {
                // A suffix: the last N bytes.
                guard let count = Self.number(last) else { return .full }
                guard count > 0, length > 0 else { continue }
                ranges.append(max(0, length - count)...(length - 1))
            } else {
                guard let start = Self.number(first) else { return .full }
                var end = length - 1
                if !last.isEmpty {
                    guard let given = Self.number(last), given >= start else { return .full }
                    end = min(given, length - 1)
                }
                guard start < length else { continue }
                ranges.append(start...end)
            }
        }
        guard !ranges.isEmpty else { return .unsatisfiable }
        return .partial(coalesce(ranges))
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

    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
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
