/// Why sending stopped: a short Dutch text for the screen, and the detail for a log or the terminal.
struct SendProblem: Sendable, Hashable {
    /// For the footer: "server onbereikbaar".
    var text: String
    /// What happened and what to do, in full.
    var detail: String
    /// Seconds the server asked to wait (429).
    var retryAfter: Double?
    /// Whether the token was refused.
    var isUnauthorized = false
    /// Whether the server could not be reached at all.
    var isUnreachable = false

    static func unreachable(_ server: ServerAddress, _ error: TransportError) -> SendProblem {
        SendProblem(text: "server onbereikbaar", detail: "cannot reach \(server): \(error.reason)", isUnreachable: true)
    }

    static func unexpected(_ answer: HTTPAnswer, server: ServerAddress) -> SendProblem {
        SendProblem(
            text: "onverwacht antwoord (HTTP \(answer.status))",
            detail: "\(server) answered \(answer.status) \(answer.mediaType) ('\(answer.excerpt)'), not the academy API: check the address"
        )
    }
}
