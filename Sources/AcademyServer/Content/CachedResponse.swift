import AcademyProgress
import CompressNIO
import Crypto
import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import NIOHTTP1

/// A response made once per content snapshot: the body, its gzip form, and a strong ETag, so that
/// serving it costs a header check and a buffer reference.
struct CachedResponse: Sendable {
    let body: ByteBuffer
    let gzipped: ByteBuffer?
    let etag: String
    /// The full 200 response's headers, plain and gzipped.
    let headers: HTTPFields
    let gzippedHeaders: HTTPFields
    /// The full 200 response's headers for NIO, plain and gzipped.
    let nioHeaders: NIOHTTP1.HTTPHeaders
    let nioGzippedHeaders: NIOHTTP1.HTTPHeaders

    /// Caches `data` as `contentType`, with `cacheControl`; bodies over 1 KB are also gzipped.
    init(data: some Sequence<UInt8>, contentType: String, cacheControl: String, lastModified: String? = nil) {
        let bytes = Array(data)
        body = ByteBuffer(bytes: bytes)
        let digest = AccessToken.hexadecimal(SHA256.hash(data: bytes).prefix(16))
        etag = "\"\(digest)\""
        var headers: HTTPFields = [.contentType: contentType, .eTag: etag, .cacheControl: cacheControl]
        if let lastModified { headers[.lastModified] = lastModified }
        var gzipped: ByteBuffer?
        if bytes.count > 1024, var source = Optional(body), let compressed = try? source.compress(with: .gzip), compressed.readableBytes < bytes.count {
            gzipped = compressed
            headers[.vary] = "Accept-Encoding"
        }
        self.gzipped = gzipped
        var zipped = headers
        zipped[.contentEncoding] = "gzip"
        zipped[.contentLength] = String(gzipped?.readableBytes ?? 0)
        headers[.contentLength] = String(bytes.count)
        self.headers = headers
        gzippedHeaders = zipped
        nioHeaders = ResponsePlan.nio(headers)
        nioGzippedHeaders = ResponsePlan.nio(zipped)
    }

    /// JSON, encoded once.
    init<T: Encodable>(json value: T, cacheControl: String) throws {
        try self.init(data: APIEncoding.encoder.encode(value), contentType: "application/json; charset=utf-8", cacheControl: cacheControl)
    }

    /// The response for `request`.
    func response(to request: Request) -> Response {
        plan(for: RequestFacts(request)).response
    }

    /// 304 when `If-None-Match` names this ETag, gzip when accepted, no body for HEAD.
    func plan(for request: RequestFacts) -> ResponsePlan {
        if let match = request.ifNoneMatch, Self.matches(match, etag) {
            return ResponsePlan(status: .notModified, headers: [.eTag: etag, .cacheControl: headers[.cacheControl] ?? "no-cache"], body: .none)
        }
        let useGzip = gzipped != nil && Self.acceptsGzip(request.acceptEncoding)
        return ResponsePlan(
            status: .ok,
            headers: useGzip ? gzippedHeaders : headers,
            body: request.isHead ? .none : .buffer(useGzip ? gzipped! : body),
            nioHeaders: useGzip ? nioGzippedHeaders : nioHeaders
        )
    }

    /// Whether an `If-None-Match` value names `etag` (or is `*`).
    static func matches(_ header: String, _ etag: String) -> Bool {
        if header.trimmingSpaces == "*" { return true }
        return header.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingSpaces
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            return tag == etag
        }
    }

    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map(\.trimmingSpaces)
            guard let coding = pieces.first?.lowercased(), coding == "gzip" || coding == "*" else { continue }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
        return false
    }
}

/// The API's JSON: sorted keys, ISO 8601 times with milliseconds, as the progress store writes them.
enum APIEncoding {
    static var encoder: JSONEncoder { ProgressJSON.encoder }
}
