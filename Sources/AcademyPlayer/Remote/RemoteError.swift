/// Remote mode cannot go on: the server is unreachable with nothing cached, refuses the token, is
/// not an academy server, or a local file of remote mode cannot be used. The message says how to fix it.
public struct RemoteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `bad-server`, `no-token`, `unreachable`, `unauthorized`, `not-academy`,
    /// `server-error`, `learner-mismatch`, `queue`, `login`.
    public var code: String
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
