/// A length of time in a video, to the millisecond, written in manifests as an ISO 8601 duration
/// with hours, minutes and seconds only (`PT2M40S`, `PT45S`, `PT1H2M`, `PT12.5S`).
///
/// For example:
///
/// ```swift
/// let duration = MediaDuration(iso8601: "PT2M40S")!   // 160 seconds
/// duration.clock                                      // "2:40"
/// ```
public struct MediaDuration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The length in milliseconds.
    public var milliseconds: Int

    /// Creates a duration of `milliseconds`.
    public init(milliseconds: Int) {
        self.milliseconds = milliseconds
    }

    /// Creates a duration of `seconds`, rounded to the millisecond.
    public init(seconds: Double) {
        self.milliseconds = Int((seconds * 1000).rounded())
    }

    /// Parses `PT[nH][nM][n[.fff]S]` with at least one part; `nil` for anything else.
    public init?(iso8601 text: String) {
        var rest = Substring(text)
        guard rest.hasPrefix("PT"), rest.count > 2 else { return nil }
        rest = rest.dropFirst(2)
        var total = 0
        var seenUnits: Set<Character> = []
        let order: [Character] = ["H", "M", "S"]
        var lastUnitIndex = -1
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let unit = rest.dropFirst(number.count).first,
                let unitIndex = order.firstIndex(of: unit), unitIndex > lastUnitIndex, !seenUnits.contains(unit)
            else { return nil }
            seenUnits.insert(unit)
            lastUnitIndex = unitIndex
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, let whole = Int(parts[0]) else { return nil }
            var fraction = 0
            if parts.count == 2 {
                guard unit == "S", (1...3).contains(parts[1].count), let digits = Int(parts[1]) else { return nil }
                fraction = digits * [100, 10, 1][parts[1].count - 1]
            }
            switch unit {
            case "H": total += whole * 3_600_000
            case "M": total += whole * 60_000
            default: total += whole * 1000 + fraction
            }
            rest = rest.dropFirst(number.count + 1)
        }
        self.milliseconds = total
    }

    /// The length in seconds.
    public var seconds: Double { Double(milliseconds) / 1000 }

    /// The ISO 8601 form, such as `PT2M40S`.
    public var iso8601: String {
        let hours = milliseconds / 3_600_000
        let minutes = milliseconds / 60_000 % 60
        let millis = milliseconds % 60_000
        var text = "PT"
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if millis > 0 || (hours == 0 && minutes == 0) {
            text += millis % 1000 == 0 ? "\(millis / 1000)S" : "\(millis / 1000).\(String(millis % 1000 + 1000).dropFirst())S"
        }
        return text
    }

    /// The length as a clock, such as `2:40` or `1:02:05`.
    public var clock: String {
        let totalSeconds = milliseconds / 1000
        let hours = totalSeconds / 3600
        let minutes = totalSeconds / 60 % 60
        let seconds = totalSeconds % 60
        let paddedSeconds = seconds < 10 ? "0\(seconds)" : "\(seconds)"
        if hours > 0 {
            return "\(hours):\(minutes < 10 ? "0" : "")\(minutes):\(paddedSeconds)"
        }
        return "\(minutes):\(paddedSeconds)"
    }

    public var description: String { iso8601 }

    public static func < (lhs: MediaDuration, rhs: MediaDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public static func + (lhs: MediaDuration, rhs: MediaDuration) -> MediaDuration {
        MediaDuration(milliseconds: lhs.milliseconds + rhs.milliseconds)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = MediaDuration(iso8601: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a duration such as PT2M40S")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
