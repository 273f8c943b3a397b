import Foundation
public import HTTPTypes
public import Hummingbird
import NIOCore

/// An error answered as `application/problem+json` (RFC 9457): a status, a short title, and a
/// detail that tells the client what to do.
public struct Problem: Error, HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// What went wrong and how to fix it.
    public var detail: String
    /// A stable code for scripts, such as `E001` or `unauthorized`.
    public var code: String?
    /// Extra headers, such as `WWW-Authenticate` or `Retry-After`.
    public var headers: HTTPFields
    /// Per-item errors, for a batch.
    public var errors: [[String: String]]?

    /// Creates a problem.
    public init(_ status: HTTPResponse.Status, _ detail: String, code: String? = nil, headers: HTTPFields = [:], errors: [[String: String]]? = nil) {
        self.status = status
        self.detail = detail
        self.code = code
        self.headers = headers
        self.errors = errors
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Self.plan(status: status, detail: detail, code: code, instance: request.uri.path, headers: headers, errors: errors).response
    }

    /// The problem+json response, planned.
    static func plan(
        status: HTTPResponse.Status,
        detail: String,
        code: String? = nil,
        instance: String? = nil,
        headers extra: HTTPFields = [:],
        errors: [[String: String]]? = nil
    ) -> ResponsePlan {
        var object: [String: Any] = ["type": "about:blank", "title": status.reasonPhrase, "status": status.code, "detail": detail]
        if let code { object["code"] = code }
        if let instance { object["instance"] = instance }
        if let errors { object["errors"] = errors }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        var headers = extra
        headers[.contentType] = "application/problem+json"
        headers[.cacheControl] = "no-store"
        headers[.contentLength] = String(data.count)
        return ResponsePlan(status: status, headers: headers, body: .buffer(ByteBuffer(bytes: data)))
    }
}
