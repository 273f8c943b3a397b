import AcademyProgress
import Foundation

/// Sends events to `POST /api/v1/me/events` in batches of at most 500 and reads the server's
/// answer per event: "stored" and "duplicate" mean the server has it (the server is idempotent by
/// event id, so a resend changes nothing), "refused" means it never will.
///
/// A batch the server finds too large (413) or malformed (400) is split in halves, down to single
/// events, so that one bad event does not hold back the others. Anything else that is not an
/// answer per event (down, 401, 429, 5xx, not the academy) stops the sending and leaves the
/// events queued.
struct EventSender: Sendable {
    /// The client.
    let client: HTTPClient
    /// The most events per request (the server's limit).
    static let batchLimit = 500

    /// What came of sending.
    struct Outcome: Sendable {
        /// The events the server has now.
        var acknowledged: [ProgressEvent] = []
        /// The events the server refused.
        var refused: [RefusedEvent] = []
        /// Why sending stopped early, if it did.
        var problem: SendProblem?

        mutating func add(_ other: Outcome) {
            acknowledged += other.acknowledged
            refused += other.refused
            problem = problem ?? other.problem
        }
    }

    /// Sends `events` in order, in batches.
    func send(_ events: [ProgressEvent]) async -> Outcome {
        var outcome = Outcome()
        var start = 0
        while start < events.count, outcome.problem == nil {
            let end = min(events.count, start + Self.batchLimit)
            outcome.add(await send(events[start..<end]))
            start = end
        }
        return outcome
    }

    private func send(_ batch: ArraySlice<ProgressEvent>) async -> Outcome {
        var outcome = Outcome()
        guard !batch.isEmpty else { return outcome }
        guard let body = try? ProgressJSON.encoder.encode(Array(batch)) else {
            outcome.problem = SendProblem(text: "gebeurtenissen niet te coderen", detail: "the events could not be encoded as JSON")
            return outcome
        }
        let answer: HTTPAnswer
        do {
            answer = try await client.post("/api/v1/me/events", json: body)
        } catch {
            outcome.problem = .unreachable(client.server, error)
            return outcome
        }
        switch answer.status {
        case 200, 201:
            guard let results = try? JSONDecoder().decode(Answer.self, from: answer.body).results else {
                outcome.problem = .unexpected(answer, server: client.server)
                return outcome
            }
            read(results, of: batch, into: &outcome)
        case 422 where answer.isJSON:
            let errors = (try? JSONDecoder().decode(ProblemErrors.self, from: answer.body).errors) ?? []
            if errors.isEmpty, batch.count == 1 {
                outcome.refused.append(
                    RefusedEvent(event: batch[batch.startIndex], error: EventError(code: "refused", message: answer.problemDetail ?? "refused"))
                )
            } else {
                read(errors.map { Result(id: $0.id, status: "refused", code: $0.code, message: $0.message) }, of: batch, into: &outcome)
            }
        case 400 where answer.isJSON, 413:
            guard batch.count > 1 else {
                let code = answer.status == 413 ? "too-large" : "E008"
                let message =
                    answer.problemDetail
                    ?? (answer.status == 413 ? "the event is larger than the server accepts" : "the server cannot read the event")
                outcome.refused.append(
                    RefusedEvent(event: batch[batch.startIndex], error: EventError(code: code, message: message, eventID: batch[batch.startIndex].id))
                )
                return outcome
            }
            let middle = batch.startIndex + batch.count / 2
            outcome.add(await send(batch[..<middle]))
            if outcome.problem == nil { outcome.add(await send(batch[middle...])) }
        case 401:
            outcome.problem = SendProblem(
                text: "token geweigerd: log opnieuw in",
                detail: "the server refuses the token (401: \(answer.problemDetail ?? "unauthorized")): "
                    + "log in again with 'academy login --server \(client.server)'",
                isUnauthorized: true
            )
        case 403:
            outcome.problem = SendProblem(text: "geen toegang (403)", detail: "the server answered 403: \(answer.problemDetail ?? "forbidden")")
        case 429:
            let seconds = answer.headers["retry-after"].flatMap(Double.init)
            outcome.problem = SendProblem(text: "server druk, later opnieuw", detail: "the server asks to wait (429)", retryAfter: seconds)
        case 500...599:
            outcome.problem = SendProblem(
                text: "serverfout (\(answer.status))",
                detail: "the server failed (\(answer.status)): \(answer.problemDetail ?? answer.excerpt)"
            )
        default:
            outcome.problem = .unexpected(answer, server: client.server)
        }
        return outcome
    }

    /// Files each event of `batch` by the server's result for its id; events without a result stay queued.
    private func read(_ results: [Result], of batch: ArraySlice<ProgressEvent>, into outcome: inout Outcome) {
        var byID: [UUID: Result] = [:]
        for result in results {
            if let text = result.id, let id = UUID(uuidString: text) { byID[id] = result }
        }
        var answered = 0
        for event in batch {
            guard let result = byID[event.id] else { continue }
            answered += 1
            switch result.status {
            case "stored", "duplicate":
                outcome.acknowledged.append(event)
            case "refused":
                let error = EventError(code: result.code ?? "refused", message: result.message ?? "refused by the server", eventID: event.id)
                outcome.refused.append(RefusedEvent(event: event, error: error))
            default:
                answered -= 1
            }
        }
        if answered < batch.count {
            outcome.problem = SendProblem(
                text: "onvolledig antwoord van de server",
                detail: "the server answered for \(answered) of \(batch.count) events; the others stay queued"
            )
        }
    }

    private struct Answer: Decodable {
        var results: [Result]
    }

    private struct Result: Decodable {
        var id: String?
        var status: String
        var code: String?
        var message: String?
    }

    private struct ProblemErrors: Decodable {
        struct Item: Decodable {
            var id: String?
            var code: String?
            var message: String?
        }

        var errors: [Item]?
    }
}
