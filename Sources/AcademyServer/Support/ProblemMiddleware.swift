import AcademyProgress
import Hummingbird
import Logging

/// Every error leaves as `application/problem+json`: Hummingbird's own (404 for unknown routes,
/// 413 for big bodies) get a detail that helps, a known path with another method is 405 with
/// `Allow`, and anything unexpected is a 500 that says to look in the server log, where it is
/// logged in full.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// The routes and their methods, for 405 answers.
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as HTTPError where error.status == .notFound {
            if let allowed = routes.methods(for: request.uri.path), !allowed.contains(request.method) {
                let allow = allowed.map(\.rawValue).joined(separator: ", ")
                throw Problem(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path): use \(allow)", code: "method-not-allowed", headers: [.allow: allow])
            }
            throw Problem(error.status, Self.detail(for: error, request: request, context: context), code: Self.code(error.status))
        } catch let error as HTTPError {
            throw Problem(error.status, Self.detail(for: error, request: request, context: context), code: Self.code(error.status), headers: error.headers)
        } catch let error as any HTTPResponseError {
            throw Problem(error.status, "\(error)", code: Self.code(error.status))
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            throw Problem(.internalServerError, "the server could not answer this request; the server log has the details", code: "internal")
        }
    }

    static func detail(for error: HTTPError, request: Request, context: Context) -> String {
        switch error.status {
        case .notFound: "no route for \(request.method) \(request.uri.path): the API is under /api/v1 (see Schemas/openapi.yaml)"
        case .contentTooLarge: "the request body is over \(context.maxUploadSize) bytes: send less (events in batches)"
        case .methodNotAllowed: "\(request.method) is not allowed on \(request.uri.path)"
        default: error.body ?? error.status.reasonPhrase
        }
    }

    static func code(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not-found"
        case .contentTooLarge: "too-large"
        case .methodNotAllowed: "method-not-allowed"
        case .badRequest: "bad-request"
        default: "http-\(status.code)"
        }
    }
}

/// Logs each request once its body is sent: method, route, status, bytes, time, client, learner.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            log(request, context: context, status: error.status.code, bytes: nil, start: start)
            throw error
        }
        guard context.logger.logLevel <= .info else { return response }
        let status = response.status.code
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            try await body.write(writer)
            log(request, context: context, status: status, bytes: body.contentLength, start: start)
        }
        return response
    }

    private func log(_ request: Request, context: Context, status: Int, bytes: Int?, start: ContinuousClock.Instant) {
        guard context.logger.logLevel <= .info else { return }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "route": "\(context.endpointPath ?? "none")",
                "status": "\(status)", "bytes": "\(bytes.map(String.init) ?? "-")", "ms": "\((milliseconds * 100).rounded() / 100)",
                "client": "\(context.clientAddress)", "learner": "\(context.learner?.id ?? "-")",
            ]
        )
    }
}
