import AcademyContent
import Testing

@Suite("ISO 8601 durations")
struct MediaDurationTests {
    @Test("Valid durations", arguments: [
        ("PT2M40S", 160_000), ("PT45S", 45_000), ("PT1H2M", 3_720_000), ("PT12.5S", 12_500), ("PT1M5.786S", 65_786),
        ("PT0S", 0), ("PT1H", 3_600_000), ("PT90S", 90_000),
    ])
    func valid(text: String, milliseconds: Int) throws {
        let duration = try #require(MediaDuration(iso8601: text))
        #expect(duration.milliseconds == milliseconds)
        #expect(MediaDuration(iso8601: duration.iso8601) == duration)
    }

    @Test("Invalid durations", arguments: ["", "PT", "P2M", "2:40", "PT2S40M", "PT1.5M", "PT1..5S", "PT.5S", "PT5.S", "PT1.2345S", "PT2M2M", "pt2m", "PT-1S"])
    func invalid(text: String) {
        #expect(MediaDuration(iso8601: text) == nil)
    }

    @Test("Clock and ISO forms")
    func formats() {
        #expect(MediaDuration(milliseconds: 160_000).clock == "2:40")
        #expect(MediaDuration(milliseconds: 3_725_000).clock == "1:02:05")
        #expect(MediaDuration(milliseconds: 65_786).iso8601 == "PT1M5.786S")
        #expect(MediaDuration(milliseconds: 0).iso8601 == "PT0S")
    }
}
