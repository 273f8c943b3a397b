import AcademyProgress
import Foundation
import Testing

@Suite("Civil dates")
struct CivilDateTests {
    @Test("Days since 1970 to a date and back, against Foundation's Gregorian calendar")
    func bothWays() {
        // Foundation's calendar is Julian before October 1582; compare from 1586 on.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for days in stride(from: -140_000, through: 800_000, by: 997) + [-1, 0, 1, 10_956, 11_016, 20_786] {
            let date = CivilDate(daysSince1970: days)
            let components = calendar.dateComponents([.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            #expect([date.year, date.month, date.day] == [components.year, components.month, components.day], "day \(days)")
            #expect(CivilDate.weekday(daysSince1970: days) == components.weekday! - 1, "day \(days)")
            #expect(date.daysSince1970 == days)
        }
        #expect(CivilDate(daysSince1970: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(year: 2000, month: 2, day: 29).daysSince1970 == 11_016)
        #expect(CivilDate(daysSince1970: -1) == CivilDate(year: 1969, month: 12, day: 31))
        #expect(CivilDate.days(ofSecondsSince1970: -1) == -1)
        #expect(CivilDate.days(ofSecondsSince1970: 86_399) == 0)
        // Proleptic before 1582 too: 1500 is no leap year, so 1 March follows 28 February.
        #expect(CivilDate(year: 1500, month: 3, day: 1).daysSince1970 - CivilDate(year: 1500, month: 2, day: 28).daysSince1970 == 1)
    }
}
