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

    /// Parses `PT[nH][nM][n[.fff]S]` with at least one part, in that order; `nil` for anything else.
    public init?(iso8601 text: String) {
        var total = 0
        var state = 0  // 0: expect "P", 1: expect "T", 2: parts; next allowed unit rank in `rank`
        var rank = 0
        var number = 0
        var digits = 0
        var fraction = -1  // digits after "." (-1: none)
        var fractionValue = 0
        var parts = 0
        for byte in text.utf8 {
            switch (state, byte) {
            case (0, 0x50): state = 1
            case (1, 0x54): state = 2
            case (2, 0x30...0x39):
                if fraction >= 0 {
                    guard fraction < 3 else { return nil }
                    fractionValue = fractionValue * 10 + Int(byte - 0x30)
                    fraction += 1
                } else {
                    guard digits < 12 else { return nil }
                    number = number * 10 + Int(byte - 0x30)
                    digits += 1
                }
            case (2, 0x2E):
                guard digits > 0, fraction < 0 else { return nil }
                fraction = 0
            case (2, 0x48), (2, 0x4D), (2, 0x53):
                let unitRank = byte == 0x48 ? 1 : (byte == 0x4D ? 2 : 3)
                guard digits > 0, unitRank > rank, fraction != 0, fraction < 0 || byte == 0x53 else { return nil }
                switch byte {
                case 0x48: total += number * 3_600_000
                case 0x4D: total += number * 60_000
                default:
                    let millis = fraction <= 0 ? 0 : fractionValue * [100, 10, 1][fraction - 1]
                    total += number * 1000 + millis
                }
                rank = unitRank
                number = 0
                digits = 0
                fraction = -1
                fractionValue = 0
                parts += 1
            default:
                return nil
            }
        }
        guard state == 2, parts > 0, digits == 0, fraction < 0 else { return nil }
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
