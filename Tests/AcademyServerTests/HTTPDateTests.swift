import Foundation
import Testing

@testable import AcademyServer

@Suite("HTTP dates")
struct HTTPDateTests {
    @Test("IMF-fixdate as RFC 9110 writes it, the same as Foundation's formatter")
    func format() {
        #expect(HTTPDateCache.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDateCache.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDateCache.format(951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        for _ in 0..<500 {
            let seconds = Int.random(in: 0...4_102_444_800)
            #expect(HTTPDateCache.format(seconds) == formatter.string(from: Date(timeIntervalSince1970: Double(seconds))))
        }
    }
}
