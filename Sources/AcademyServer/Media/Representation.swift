import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
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
            lastModified: HTTPDate.format(Date(timeIntervalSince1970: TimeInterval(modified))),
            contentType: contentType,
            cacheControl: cacheControl
        )
    }

    /// The response to `request`: 304 for a matching validator, 206 for satisfiable ranges (one, or
    /// several as `multipart/byteranges`), 416 when none is, else 200 with the whole file.
    func response(to request: Request) -> Response {
        var headers: HTTPFields = [
            .acceptRanges: "bytes", .eTag: etag, .lastModified: lastModified, .cacheControl: cacheControl,
        ]
        if notModified(request) {
            return Response(status: .notModified, headers: headers)
        }
        var rangeHeader = request.headers[.range]
        if let condition = request.headers[.ifRange], !rangeMayApply(condition) { rangeHeader = nil }
        let isHead = request.method == .head
        switch ByteRanges.evaluate(rangeHeader, length: length) {
        case .full:
            headers[.contentType] = contentType
            headers[.contentLength] = String(length)
            return Response(status: .ok, headers: headers, body: isHead ? emptyBody(length) : body([0..<length]))
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(length)"
            return Problem.response(
                status: .rangeNotSatisfiable,
                detail: "no requested range is inside the file of \(length) bytes",
                code: "range-not-satisfiable",
                headers: headers
            )
        case let .partial(ranges) where ranges.count == 1:
            let range = ranges[0]
            headers[.contentType] = contentType
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(length)"
            headers[.contentLength] = String(range.count)
            return Response(status: .partialContent, headers: headers, body: isHead ? emptyBody(range.count) : body([range.lowerBound..<(range.upperBound + 1)]))
        case let .partial(ranges):
            let boundary = "academy-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            var pieces: [(header: ByteBuffer, range: Range<Int>)] = []
            var total = 0
            for range in ranges {
                let header = ByteBuffer(string: "\r\n--\(boundary)\r\nContent-Type: \(contentType)\r\nContent-Range: bytes \(range.lowerBound)-\(range.upperBound)/\(length)\r\n\r\n")
                total += header.readableBytes + range.count
                pieces.append((header, range.lowerBound..<(range.upperBound + 1)))
            }
            let trailer = ByteBuffer(string: "\r\n--\(boundary)--\r\n")
            let parts = pieces
            total += trailer.readableBytes
            headers[.contentType] = "multipart/byteranges; boundary=\(boundary)"
            headers[.contentLength] = String(total)
            guard !isHead else { return Response(status: .partialContent, headers: headers, body: emptyBody(total)) }
            let body = ResponseBody(contentLength: total) { writer in
                for piece in parts {
                    try await writer.write(piece.header)
                    try await write(piece.range, to: &writer)
                }
                try await writer.write(trailer)
                try await writer.finish(nil)
            }
            return Response(status: .partialContent, headers: headers, body: body)
        }
    }

    /// `If-None-Match` (or, without it, `If-Modified-Since`) says the client's copy is current.
    private func notModified(_ request: Request) -> Bool {
        if let match = request.headers[.ifNoneMatch] { return CachedResponse.matches(match, etag) }
        if let since = request.headers[.ifModifiedSince], let date = HTTPDate.parse(since), let modified = HTTPDate.parse(lastModified) {
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

    private func emptyBody(_ length: Int) -> ResponseBody {
        ResponseBody(contentLength: length) { writer in try await writer.finish(nil) }
    }

    private func body(_ ranges: [Range<Int>]) -> ResponseBody {
        let total = ranges.reduce(0) { $0 + $1.count }
        if case let .memory(buffer) = source, ranges.count == 1 {
            return .init(byteBuffer: buffer.getSlice(at: buffer.readerIndex + ranges[0].lowerBound, length: ranges[0].count) ?? ByteBuffer())
        }
        return ResponseBody(contentLength: total) { writer in
            for range in ranges { try await write(range, to: &writer) }
            try await writer.finish(nil)
        }
    }

    /// The chunk size for reading files: big enough for few reads, small enough to keep memory low.
    static let chunkSize = 64 * 1024

    private func write(_ range: Range<Int>, to writer: inout any ResponseBodyWriter) async throws {
        switch source {
        case let .memory(buffer):
            if let slice = buffer.getSlice(at: buffer.readerIndex + range.lowerBound, length: range.count) { try await writer.write(slice) }
        case let .file(path, inode):
            let file = try await OpenFile.open(path, expecting: inode)
            defer { file.close() }
            var offset = range.lowerBound
            while offset < range.upperBound {
                let count = min(Self.chunkSize, range.upperBound - offset)
                // A client that hangs up makes this write throw: reading stops, the file closes.
                try await writer.write(try await file.read(at: offset, count: count))
                offset += count
            }
        }
    }
}

/// A file descriptor read with `pread` on NIO's thread pool.
struct OpenFile: Sendable {
    let descriptor: Int32

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
