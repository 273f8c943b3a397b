import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// A response decided but not yet sent: status, headers and where the body comes from. The same
/// plan is sent by Hummingbird (streaming a file with `pread`) or by the fast path on the event
/// loop (a file with `sendfile`), so both answer exactly alike.
struct ResponsePlan: Sendable {
    /// Where the body comes from.
    enum Body: Sendable {
        /// No body (HEAD, 304).
        case none
        /// Bytes in memory.
        case buffer(ByteBuffer)
        /// Ranges of a file, each with an optional preamble (multipart part headers), then an
        /// optional trailer.
        case file(path: String, inode: UInt64, parts: [FilePart], trailer: ByteBuffer?)
    }

    /// One range of a file to send.
    struct FilePart: Sendable {
        var preamble: ByteBuffer?
        var range: Range<Int>
    }

    var status: HTTPResponse.Status
    var body: Body
    /// The headers as HTTPFields, or nil when only the NIO ones were made.
    private let fields: HTTPFields?
    /// The same headers for NIO, made once with the response they belong to (the fast path then
    /// skips converting them on every request).
    let nioHeaders: NIOHTTP1.HTTPHeaders?

    init(status: HTTPResponse.Status, headers: HTTPFields, body: Body, nioHeaders: NIOHTTP1.HTTPHeaders? = nil) {
        self.status = status
        self.fields = headers
        self.body = body
        self.nioHeaders = nioHeaders
    }

    /// A plan whose headers are made for NIO only (the fast path's commonest answers); Hummingbird
    /// converts them when it sends the plan.
    init(status: HTTPResponse.Status, nioHeaders: NIOHTTP1.HTTPHeaders, body: Body) {
        self.status = status
        self.fields = nil
        self.body = body
        self.nioHeaders = nioHeaders
    }

    var headers: HTTPFields {
        if let fields { return fields }
        var fields = HTTPFields()
        for (name, value) in nioHeaders ?? [:] {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return fields
    }

    /// `fields` as NIO's HTTP/1 headers.
    static func nio(_ fields: HTTPFields) -> NIOHTTP1.HTTPHeaders {
        var headers = NIOHTTP1.HTTPHeaders()
        headers.reserveCapacity(fields.count + 2)
        for field in fields { headers.add(name: field.name.rawName, value: field.value) }
        return headers
    }

    /// The plan as a Hummingbird response.
    var response: Response {
        switch body {
        case .none:
            let length = headers[.contentLength].flatMap(Int.init)
            return Response(status: status, headers: headers, body: ResponseBody(contentLength: length) { writer in try await writer.finish(nil) })
        case let .buffer(buffer):
            return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
        case let .file(path, inode, parts, trailer):
            let length = parts.reduce(trailer?.readableBytes ?? 0) { $0 + ($1.preamble?.readableBytes ?? 0) + $1.range.count }
            let body = ResponseBody(contentLength: length) { writer in
                let file = try await OpenFile.open(path, expecting: inode)
                defer { file.close() }
                for part in parts {
                    if let preamble = part.preamble { try await writer.write(preamble) }
                    var offset = part.range.lowerBound
                    while offset < part.range.upperBound {
                        let count = min(OpenFile.chunkSize, part.range.upperBound - offset)
                        // A client that hangs up makes this write throw: reading stops, the file closes.
                        try await writer.write(try await file.read(at: offset, count: count))
                        offset += count
                    }
                }
                if let trailer { try await writer.write(trailer) }
                try await writer.finish(nil)
            }
            return Response(status: status, headers: headers, body: body)
        }
    }
}

/// The request fields a plan depends on, from Hummingbird or from NIO's HTTP/1 decoder.
struct RequestFacts: Sendable {
    var isHead: Bool
    var ifNoneMatch: String?
    var ifModifiedSince: String?
    var range: String?
    var ifRange: String?
    var acceptEncoding: String?

    init(isHead: Bool, ifNoneMatch: String?, ifModifiedSince: String?, range: String?, ifRange: String?, acceptEncoding: String?) {
        self.isHead = isHead
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
        self.range = range
        self.ifRange = ifRange
        self.acceptEncoding = acceptEncoding
    }

    init(_ request: Request) {
        self.init(
            isHead: request.method == .head,
            ifNoneMatch: request.headers[.ifNoneMatch],
            ifModifiedSince: request.headers[.ifModifiedSince],
            range: request.headers[.range],
            ifRange: request.headers[.ifRange],
            acceptEncoding: request.headers[.acceptEncoding]
        )
    }
}
