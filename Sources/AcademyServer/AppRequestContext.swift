public import AcademyProgress
public import Hummingbird
import NIOCore

/// The context of one request: Hummingbird's core storage, the client's address, and the learner
/// once authentication has found them.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in learner (or the local learner when nobody has an account).
    public var learner: Learner?
    /// The client's IP address, for rate limiting failed sign-ins.
    public let clientAddress: String
    /// The largest body accepted (413 beyond).
    public var maximumBodySize = 1 << 20

    public init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    public var maxUploadSize: Int { maximumBodySize }

    /// The learner, or 401 when the request is not signed in.
    public func requireLearner() throws -> Learner {
        guard let learner else {
            throw Problem(
                .unauthorized,
                "sign in: send 'Authorization: Bearer TOKEN' with a token from 'academy learners add' or 'academy learners token'",
                code: "unauthorized",
                headers: [.wwwAuthenticate: "Bearer realm=\"academy\""]
            )
        }
        return learner
    }
}
