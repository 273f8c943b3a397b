import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// A file's bytes as HTTP serves them (RFC 9110): validators, conditional requests, and ranges.
struct Representation: Sendable {
    /// Where the bytes come from.
    enum Source: Sendable {
        /// Held in memory (captions and chapters, cached per content snapshot).
        case memory(ByteBuffer)
        /// Read from a file in chunks, off the event loop.
        case file(path: String, inode: UInt64)
    }

    let source: Source
    let length: Int
    let etag: String
    let lastModified: String
    let contentType: String
    let cacheControl: String
    /// The full 200 response's headers, made once.
    let fullHeaders: HTTPFields
    let nioFullHeaders: NIOHTTP1.HTTPHeaders
    /// A 206 response's headers but for its length and range.
    let nioPartialHeaders: NIOHTTP1.HTTPHeaders

    init(source: Source, length: Int, etag: String, lastModified: String, contentType: String, cacheControl: String) {
        self.source = source
        self.length = length
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.cacheControl = cacheControl
        fullHeaders = [
            .acceptRanges: "bytes", .eTag: etag, .lastModified: lastModified, .cacheControl: cacheControl,
            .contentType: contentType, .contentLength: String(length),
        ]
        nioFullHeaders = ResponsePlan.nio(fullHeaders)
        var partial = nioFullHeaders
        partial.remove(name: "Content-Length")
        nioPartialHeaders = partial
    }

    /// The representation of the regular file at `path`, or nil when it is not one.
    static func file(at path: String, contentType: String, cacheControl: String) -> Representation? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let modified = status.st_mtim.tv_sec
        let tag = String(UInt64(status.st_ino), radix: 16) + "-" + String(Int(status.st_size), radix: 16) + "-"
            + String(modified * 1_000_000_000 + status.st_mtim.tv_nsec, radix: 16)
        return Representation(
            source: .file(path: path, inode: UInt64(status.st_ino)),
            length: Int(status.st_size),
            etag: "\"\(tag)\"",
            lastModified: HTTPDateCache.format(modified),
            contentType: contentType,
            cacheControl: cacheControl
        )
    }

    /// The response to `request`.
    func response(to request: Request) -> Response {
        plan(for: RequestFacts(request)).response
    }

    /// 304 for a matching validator, 206 for satisfiable ranges (one, or several as
    /// `multipart/byteranges`), 416 when none is, else 200 with the whole file.
    func plan(for request: RequestFacts) -> ResponsePlan {
        if request.range == nil, request.ifNoneMatch == nil, request.ifModifiedSince == nil {
            return ResponsePlan(status: .ok, headers: fullHeaders, body: request.isHead ? .none : body([0..<length]), nioHeaders: nioFullHeaders)
        }
        var headers: HTTPFields = [
            .acceptRanges: "bytes", .eTag: etag, .lastModified: lastModified, .cacheControl: cacheControl,
        ]
        if notModified(request) {
            return ResponsePlan(status: .notModified, headers: headers, body: .none)
        }
        var rangeHeader = request.range
        if let condition = request.ifRange, !rangeMayApply(condition) { rangeHeader = nil }
        switch ByteRanges.evaluate(rangeHeader, length: length) {
        case .full:
            headers[.contentType] = contentType
            headers[.contentLength] = String(length)
            return ResponsePlan(status: .ok, headers: headers, body: request.isHead ? .none : body([0..<length]))
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(length)"
            var plan = Problem.plan(
                status: .rangeNotSatisfiable,
                detail: "no requested range is inside the file of \(length) bytes",
                code: "range-not-satisfiable",
                headers: headers
            )
            if request.isHead { plan.body = .none }
            return plan
        case let .partial(ranges) where ranges.count == 1:
            // The commonest request of a video player: built from the full response's headers.
            let range = ranges[0]
            var nio = nioPartialHeaders
            nio.add(name: "Content-Length", value: String(range.count))
            nio.add(name: "Content-Range", value: "bytes \(range.lowerBound)-\(range.upperBound)/\(length)")
            let part = request.isHead ? ResponsePlan.Body.none : body([range.lowerBound..<(range.upperBound + 1)])
            return ResponsePlan(status: .partialContent, nioHeaders: nio, body: part)
        case let .partial(ranges):
            let boundary = "academy-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            var parts: [ResponsePlan.FilePart] = []
            var total = 0
            for range in ranges {
                let preamble = ByteBuffer(
                    string: "\r\n--\(boundary)\r\nContent-Type: \(contentType)\r\nContent-Range: bytes \(range.lowerBound)-\(range.upperBound)/\(length)\r\n\r\n"
                )
                total += preamble.readableBytes + range.count
                parts.append(ResponsePlan.FilePart(preamble: preamble, range: range.lowerBound..<(range.upperBound + 1)))
            }
            let trailer = ByteBuffer(string: "\r\n--\(boundary)--\r\n")
            total += trailer.readableBytes
            headers[.contentType] = "multipart/byteranges; boundary=\(boundary)"
            headers[.contentLength] = String(total)
            guard !request.isHead else { return ResponsePlan(status: .partialContent, headers: headers, body: .none) }
            switch source {
            case let .memory(buffer):
                var whole = ByteBuffer()
                for part in parts {
                    var preamble = part.preamble!
                    whole.writeBuffer(&preamble)
                    if var slice = buffer.getSlice(at: buffer.readerIndex + part.range.lowerBound, length: part.range.count) { whole.writeBuffer(&slice) }
                }
                var end = trailer
                whole.writeBuffer(&end)
                return ResponsePlan(status: .partialContent, headers: headers, body: .buffer(whole))
            case let .file(path, inode):
                return ResponsePlan(status: .partialContent, headers: headers, body: .file(path: path, inode: inode, parts: parts, trailer: trailer))
            }
        }
    }

    /// `If-None-Match` (or, without it, `If-Modified-Since`) says the client's copy is current.
    private func notModified(_ request: RequestFacts) -> Bool {
        if let match = request.ifNoneMatch { return CachedResponse.matches(match, etag) }
        if let since = request.ifModifiedSince, let date = HTTPDate.parse(since), let modified = HTTPDate.parse(lastModified) {
            return modified <= date
        }
        return false
    }

    /// `If-Range`: ranges apply only while the validator still matches (strong comparison).
    private func rangeMayApply(_ condition: String) -> Bool {
        let trimmed = condition.trimmingSpaces
        if trimmed.hasPrefix("\"") { return trimmed == etag }
        if trimmed.hasPrefix("W/") { return false }
        return trimmed == lastModified
    }

    private func body(_ ranges: [Range<Int>]) -> ResponsePlan.Body {
        switch source {
        case let .memory(buffer):
            .buffer(buffer.getSlice(at: buffer.readerIndex + ranges[0].lowerBound, length: ranges[0].count) ?? ByteBuffer())
        case let .file(path, inode):
            .file(path: path, inode: inode, parts: ranges.map { ResponsePlan.FilePart(preamble: nil, range: $0) }, trailer: nil)
        }
    }
}

/// A file descriptor read with `pread` on NIO's thread pool.
struct OpenFile: Sendable {
    let descriptor: Int32

    /// The chunk size for reading files: big enough for few reads, small enough to keep memory low.
    static let chunkSize = 64 * 1024

    static func open(_ path: String, expecting inode: UInt64) async throws -> OpenFile {
        try await NIOThreadPool.singleton.runIfActive {
            let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Problem(.notFound, "the media file is gone: \(String(cString: strerror(errno)))", code: "not-found") }
            var status = stat()
            guard fstat(descriptor, &status) == 0, UInt64(status.st_ino) == inode else {
                Glibc.close(descriptor)
                throw Problem(.conflict, "the media file changed while it was being served: request it again", code: "changed")
            }
            return OpenFile(descriptor: descriptor)
        }
    }

    func read(at offset: Int, count: Int) async throws -> ByteBuffer {
        try await NIOThreadPool.singleton.runIfActive {
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            var done = 0
            while done < count {
                let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count - done) { pointer in
                    max(0, pread(descriptor, pointer.baseAddress, count - done, off_t(offset + done)))
                }
                if got == 0 { break }
                done += got
            }
            guard done == count else { throw Problem(.internalServerError, "the media file is shorter than it was", code: "short-read") }
            return buffer
        }
    }

    func close() {
        Glibc.close(descriptor)
    }
}

/// HTTP dates (RFC 9110 section 5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    private static let style = Date.VerbatimFormatStyle(
        format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
        locale: Locale(identifier: "en_US_POSIX"),
        timeZone: TimeZone(identifier: "GMT")!,
        calendar: Calendar(identifier: .gregorian)
    )

    static func format(_ date: Date) -> String {
        date.formatted(style)
    }

    static func parse(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }
}
