import Foundation

/// One answer of the server: status, headers (names in lowercase) and body.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    /// The media type without parameters, in lowercase: `application/json`.
    var mediaType: String {
        (headers["content-type"] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    /// Whether the body is JSON (`application/json` or `application/problem+json`).
    var isJSON: Bool { mediaType == "application/json" || mediaType == "application/problem+json" }

    /// The `detail` of a problem+json body, if there is one.
    var problemDetail: String? {
        guard isJSON, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        return object["detail"] as? String
    }

    /// The first bytes of the body, for a message about an answer that is not what was asked for.
    var excerpt: String {
        let text = String(decoding: body.prefix(60), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        return body.count > 60 ? text + "…" : text
    }
}
