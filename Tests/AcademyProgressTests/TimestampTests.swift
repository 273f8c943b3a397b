@testable import AcademyProgress
import Foundation
import Testing

@Suite("Timestamps")
struct TimestampTests {
    @Test("Written and read back to the millisecond; Foundation reads them as the same time")
    func roundTrip() throws {
        var failures = 0
        for _ in 0..<2000 {
            let date = Date(timeIntervalSince1970: (Double.random(in: -2_000_000_000...4_000_000_000) * 1000).rounded() / 1000)
            let text = Timestamp.format(date)
            let parsed = try #require(Timestamp.parse(text))
            let foundation = try Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            if abs(parsed.timeIntervalSince1970 - date.timeIntervalSince1970) > 0.0005 || abs(foundation.timeIntervalSince1970 - date.timeIntervalSince1970) > 0.001 {
                failures += 1
            }
        }
        #expect(failures == 0)
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_795_946_400.25)) == "2026-11-29T10:00:00.250Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
        #expect(Timestamp.parse("2026-11-29T10:00:00Z") == Date(timeIntervalSince1970: 1_795_946_400))
        #expect(Timestamp.parse("2026-13-29T10:00:00Z") == nil)
        #expect(Timestamp.parse("2026-11-29T10:00:00+01:00") == Date(timeIntervalSince1970: 1_795_946_400 - 3600))
        #expect(Timestamp.parse("2026-11-29t10:00:00.5z") == Date(timeIntervalSince1970: 1_795_946_400.5))
        #expect(Timestamp.parse("2026-11-29T10:00:00-21:13") == Date(timeIntervalSince1970: 1_795_946_400 + 21 * 3600 + 13 * 60))
        #expect(Timestamp.parse("2026-11-29T10:00:00+24:00") == nil)
        #expect(Timestamp.parse("2026-11-29T10:00:00") == nil)
        #expect(Timestamp.parse("2026-11-29 10:00:00Z") == nil)
    }
}
