/// A set of time ranges in a video, in seconds, kept as sorted, non-overlapping segments.
///
/// Overlapping and touching segments merge, so watching the same minute twice counts once and
/// jumping to the end covers only what was played.
///
/// For example:
///
/// ```swift
/// var played = TimeSegments()
/// played.insert(0, 30)
/// played.insert(20, 50)   // [[0, 50]]
/// played.covered          // 50
/// ```
public struct TimeSegments: Sendable, Hashable, Codable {
    /// The segments as `[from, to]` pairs, sorted and disjoint.
    public private(set) var segments: [Segment]

    /// One played range.
    public struct Segment: Sendable, Hashable, Codable {
        /// The start, in seconds.
        public var from: Double
        /// The end, in seconds.
        public var to: Double

        /// Creates a segment.
        public init(from: Double, to: Double) {
            self.from = from
            self.to = to
        }

        public init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            from = try container.decode(Double.self)
            to = try container.decode(Double.self)
            guard container.isAtEnd else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a segment is [from, to]: two numbers")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(from)
            try container.encode(to)
        }
    }

    /// An empty set.
    public init() {
        segments = []
    }

    /// The union of `segments`.
    public init(_ segments: [Segment]) {
        self.segments = []
        for segment in segments { insert(segment.from, segment.to) }
    }

    /// Adds the range `from...to` (ignored when empty).
    public mutating func insert(_ from: Double, _ to: Double) {
        guard to > from else { return }
        var start = from
        var end = to
        var result: [Segment] = []
        result.reserveCapacity(segments.count + 1)
        var placed = false
        for segment in segments {
            if segment.to < start {
                result.append(segment)
            } else if segment.from > end {
                if !placed {
                    result.append(Segment(from: start, to: end))
                    placed = true
                }
                result.append(segment)
            } else {
                start = min(start, segment.from)
                end = max(end, segment.to)
            }
        }
        if !placed { result.append(Segment(from: start, to: end)) }
        segments = result
    }

    /// Adds every segment of `other`.
    public mutating func formUnion(_ other: TimeSegments) {
        for segment in other.segments { insert(segment.from, segment.to) }
    }

    /// The seconds covered, overlaps counted once.
    public var covered: Double {
        segments.reduce(0) { $0 + ($1.to - $1.from) }
    }

    /// The seconds covered within `0...limit`.
    public func covered(upTo limit: Double) -> Double {
        segments.reduce(0) { $0 + max(0, min($1.to, limit) - min($1.from, limit)) }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([Segment].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(segments)
    }
}
