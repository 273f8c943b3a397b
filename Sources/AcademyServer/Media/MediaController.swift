import Hummingbird
import NIOCore

/// `/media/{module}/{src}`: the files the content references (videos, posters, captions,
/// chapters) and nothing else. No directory listings, hidden files, `..` in any encoding, NUL bytes
/// or symbolic links out of the content and media roots; ranges, validators and HEAD as RFC 9110
/// describes them.
struct MediaController {
    let content: ContentState

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("**", use: serve)
        routes.head("**", use: serve)
        return routes
    }

    @Sendable func serve(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let key = MediaPath.key(fromRequestPath: request.uri.path) else {
            throw Problem(.notFound, "no such media file: media URLs are /media/{module}/{file} as the API gives them", code: "not-found")
        }
        let snapshot = content.snapshot
        guard let entry = snapshot.media[key] else {
            throw Problem(.notFound, "no media file '\(key)' in the content: use the URLs the API gives", code: "not-found")
        }
        if let representation = entry.inMemory { return representation.response(to: request) }
        guard let representation = entry.representation() else {
            throw Problem(
                .notFound,
                "the media file '\(key)' is referenced but not there: generate sample media with Scripts/make-sample-media, or copy it into the media directory",
                code: "media-missing"
            )
        }
        return representation.response(to: request)
    }
}

/// Turns a raw (percent-encoded) request path into `module/src`, refusing anything that could
/// name a file outside the content: `..`, `.` and hidden names, encoded slashes and backslashes,
/// NUL bytes, empty segments.
enum MediaPath {
    static func key(fromRequestPath raw: String) -> String? {
        if let plain = plainKey(raw) { return plain }
        let path = raw.split(separator: "?", maxSplits: 1).first.map(String.init) ?? raw
        guard path.hasPrefix("/media/") else { return nil }
        let segments = path.dropFirst("/media/".count).split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count >= 2 else { return nil }
        var decoded: [String] = []
        for segment in segments {
            guard let text = PathSegment.decoded(segment), !text.isEmpty, !text.hasPrefix("."),
                !text.contains("/"), !text.contains("\\"), !text.contains("\0"), !text.contains("%")
            else { return nil }
            decoded.append(text)
        }
        return decoded.joined(separator: "/")
    }

    /// The key of a path without escapes or a query, checked byte by byte (every media request
    /// comes this way); nil sends the path through the full check above.
    private static func plainKey(_ raw: String) -> String? {
        let bytes = raw.utf8
        let prefix = "/media/".utf8
        guard bytes.starts(with: prefix) else { return nil }
        var segmentStart = true
        var segments = 1
        for byte in bytes.dropFirst(prefix.count) {
            switch byte {
            case 0x25, 0x3F, 0x5C, 0x00: return nil  // % ? \ NUL: the careful way
            case 0x2F:
                if segmentStart { return nil }  // an empty segment
                segmentStart = true
                segments += 1
            case 0x2E where segmentStart:
                return nil  // ".", "..", hidden names
            default:
                segmentStart = false
            }
        }
        guard !segmentStart, segments >= 2 else { return nil }
        return String(raw.utf8.dropFirst(prefix.count))
    }
}
