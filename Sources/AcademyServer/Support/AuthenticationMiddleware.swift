import AcademyProgress
import Foundation
import Hummingbird
import HTTPTypes

/// Finds the learner of each request: from `Authorization: Bearer TOKEN`, or, on a loopback
/// server without any account, the local learner. A wrong token is 401, and too many wrong tokens
/// from one address in a minute are 429.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let accounts: AccountDirectory
    let limiter: FailedSignInLimiter
    let service: @Sendable () -> ProgressService
    let isLoopback: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            if let wait = limiter.retryAfter(context.clientAddress) {
                throw Problem(
                    .tooManyRequests,
                    "too many failed sign-ins from this address: wait \(wait) seconds",
                    code: "rate-limited",
                    headers: [.retryAfter: String(wait)]
                )
            }
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                let learner = try await accounts.learner(withToken: String(parts[1]).trimmingCharacters(in: .whitespaces))
            else {
                limiter.recordFailure(context.clientAddress)
                throw Problem(
                    .unauthorized,
                    "the token is not valid (revoked or mistyped): get a new one with 'academy learners token ID'",
                    code: "invalid-token",
                    headers: [.wwwAuthenticate: "Bearer realm=\"academy\", error=\"invalid_token\""]
                )
            }
            context.learner = learner
        } else if isLoopback {
            context.learner = try await accounts.localLearner(service: service())
        }
        return try await next(request, context)
    }
}
