import AcademyProgress
import Glibc
import Synchronization

/// The `Date` header's value, formatted once a second.
final class HTTPDateCache: Sendable {
    static let shared = HTTPDateCache()
    private let cache = Mutex<(second: Int, text: String)>((0, ""))

    var now: String {
        let second = Int(time(nil))
        return cache.withLock { cache in
            if cache.second != second { cache = (second, Self.format(second)) }
            return cache.text
        }
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` for seconds since 1970.
    static func format(_ seconds: Int) -> String {
        let days = CivilDate.days(ofSecondsSince1970: seconds)
        let secondsOfDay = seconds - days * 86_400
        let date = CivilDate(daysSince1970: days)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[CivilDate.weekday(daysSince1970: days)]), \(two(date.day)) \(months[date.month - 1]) \(date.year) "
            + "\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60)) GMT"
    }
}
