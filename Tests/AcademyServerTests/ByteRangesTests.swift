import Testing

@testable import AcademyServer

/// The `Range` header read on its own, beside the live-server range matrix in ``MediaTests``.
@Suite struct ByteRangesTests {
    @Test(arguments: [
        ("bytes=0-99", ByteRanges.Outcome.partial([0...99])),
        ("bytes=-100", .partial([4900...4999])),
        ("bytes=4990-", .partial([4990...4999])),
        ("bytes=0-0", .partial([0...0])),
        ("bytes=4999-9999", .partial([4999...4999])),
        ("BYTES = 10-19", .partial([10...19])),
        ("bytes=0-9, 5-14,\t20-29", .partial([0...14, 20...29])),
        ("bytes=20-29,0-9,10-19", .partial([0...29])),
        ("bytes=9000-", .unsatisfiable),
        ("bytes=5000-5000", .unsatisfiable),
        ("bytes=-0", .unsatisfiable),
        ("bytes=9000-,-0", .unsatisfiable),
        ("items=0-1", .full),
        ("bytes=9-0", .full),
        ("bytes=a-b", .full),
        ("bytes=1-2,,3-4", .full),
        ("bytes=", .full),
        ("bytes", .full),
        ("bytes=+1-2", .full),
        ("bytes=0-1234567890123456789", .full),
        ("bÿtes=0-1", .full),
        ("bytes=٣-٤", .full),
    ])
    func evaluates(header: String, outcome: ByteRanges.Outcome) {
        #expect(ByteRanges.evaluate(header, length: 5000) == outcome)
    }

    @Test func tooManyRangesAreIgnored() {
        let many = "bytes=" + (0..<17).map { "\($0 * 10)-\($0 * 10 + 1)" }.joined(separator: ",")
        #expect(ByteRanges.evaluate(many, length: 5000) == .full)
        let sixteen = "bytes=" + (0..<16).map { "\($0 * 10)-\($0 * 10 + 1)" }.joined(separator: ",")
        guard case let .partial(ranges) = ByteRanges.evaluate(sixteen, length: 5000) else {
            Issue.record("16 ranges are honoured")
            return
        }
        #expect(ranges.count == 16)
    }

    @Test func emptyRepresentationHasNoSuffix() {
        #expect(ByteRanges.evaluate("bytes=-5", length: 0) == .unsatisfiable)
        #expect(ByteRanges.evaluate(nil, length: 0) == .full)
    }
}
