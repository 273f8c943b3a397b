import AcademyContent
import AcademyProgress
import Foundation
import Hummingbird
import Metrics
import NIOCore

/// The learner's own progress and events, and team progress for coaches and school leaders.
struct ProgressController {
    let content: ContentState
    let store: any ProgressStore
    let maximumEventsPerRequest = 500

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("me", use: me)
        routes.get("me/progress", use: myProgress)
        routes.get("me/events", use: myEvents)
        routes.post("me/events", use: postEvents)
        routes.get("me/next", use: next)
        routes.get("me/videos/{id}", use: resume)
        routes.get("learners/{id}/progress", use: learnerProgress)
        routes.get("teams/{team}/progress", use: teamProgress)
        return routes
    }

    private var service: ProgressService { ProgressService(library: content.snapshot.library, store: store) }

    struct Profile: Encodable {
        var id: String
        var displayName: String
        var team: String
        var role: Role
        var track: String?
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireLearner()
        return try Self.json(Profile(id: learner.id, displayName: learner.displayName, team: learner.team, role: learner.role, track: service.track(for: learner)?.id))
    }

    struct ProgressDocument: Encodable {
        var learner: String
        var track: String?
        var modules: [ModuleCompletion]
        var modulesComplete: Int
        var lastPlace: LearnerProgress.Place?
        var next: NextItem?
    }

    @Sendable func myProgress(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await progressResponse(for: try context.requireLearner())
    }

    @Sendable func learnerProgress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let reader = try context.requireLearner()
        let id = try context.parameters.requireDecoded("id")
        guard let learner = try await store.learner(id: id), reader.mayRead(progressOf: learner) else {
            // The same answer whether the learner exists or not: their ids are not for everyone to probe.
            throw Problem(.forbidden, "you may read your own progress\(reader.role == .leraar ? "" : " and your team's"), not '\(id)''s", code: "forbidden")
        }
        return try await progressResponse(for: learner)
    }

    private func progressResponse(for learner: Learner) async throws -> Response {
        let service = service
        let progress = try await service.progress(of: learner.id)
        let modules = service.library.modules.map { Completion.module($0, progress: progress) }
        let track = service.track(for: learner)
        return try Self.json(
            ProgressDocument(
                learner: learner.id,
                track: track?.id,
                modules: modules,
                modulesComplete: modules.count(where: \.isComplete),
                lastPlace: progress.lastPlace,
                next: Completion.next(in: track, library: service.library, progress: progress)
            )
        )
    }

    struct NextDocument: Encodable {
        var next: NextItem?
        var trackComplete: Bool
    }

    @Sendable func next(_ request: Request, context: AppRequestContext) async throws -> Response {
        let item = try await service.next(for: try context.requireLearner())
        return try Self.json(NextDocument(next: item, trackComplete: item == nil))
    }

    struct ResumeDocument: Encodable {
        var video: String
        var module: String
        var position: Double
        var watchedSeconds: Double
        var isComplete: Bool
    }

    @Sendable func resume(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireLearner()
        let id = try context.parameters.requireDecoded("id")
        let service = service
        guard let video = service.library.video(id: id), let module = service.library.module(id: video.moduleID) else {
            throw Problem(.notFound, "no video '\(id)'", code: "not-found")
        }
        let progress = try await service.progress(of: learner.id)
        let completion = Completion.video(video, threshold: module.completion.videoThreshold, progress: progress)
        return try Self.json(
            ResumeDocument(video: id, module: module.id, position: completion.position, watchedSeconds: completion.watchedSeconds, isComplete: completion.isComplete)
        )
    }

    @Sendable func teamProgress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let reader = try context.requireLearner()
        let team = try context.parameters.requireDecoded("team")
        // Counted in code points, as the schema's maxLength counts them (not in grapheme clusters).
        guard (1...100).contains(team.unicodeScalars.count), !team.unicodeScalars.contains(where: { Character($0).isNewline }) else {
            throw Problem(.badRequest, "a team name has 1 to 100 characters on one line", code: "bad-request")
        }
        guard reader.mayRead(team: team) else {
            throw Problem(.forbidden, "only the team's school coach or school leader, or an admin, may read team '\(team)'", code: "forbidden")
        }
        return try Self.json(try await service.team(team))
    }

    struct EventResult: Encodable {
        var id: String?
        var status: String
        var code: String?
        var message: String?
    }

    /// One event or an array of events; 201 when any was stored, 200 when all were already stored,
    /// 422 when every one was refused (nothing is stored then).
    /// Every event the learner has stored, oldest first: what a client needs to fold the learner's
    /// progress itself (the terminal player does, together with its own events still queued).
    @Sendable func myEvents(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireLearner()
        return try Self.json(try await store.history(of: learner.id))
    }

    @Sendable func postEvents(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireLearner()
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let events: [ProgressEvent]
        do {
            let data = Data(body.readableBytesView)
            guard let first = data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
                throw Problem(.badRequest, "the body is empty: send one event object or an array of them", code: "E008")
            }
            // Strictly: a property the event's type does not have is refused, as the schema says.
            events = first == UInt8(ascii: "[")
                ? try ProgressJSON.decoder.decode([SentProgressEvent].self, from: data).map(\.event)
                : [try ProgressJSON.decoder.decode(SentProgressEvent.self, from: data).event]
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(.badRequest, "not an event or an array of events: \(ProgressJSON.describe(error))", code: "E008")
        }
        guard !events.isEmpty else { throw Problem(.badRequest, "the array holds no events", code: "E008") }
        guard events.count <= maximumEventsPerRequest else {
            throw Problem(.contentTooLarge, "at most \(maximumEventsPerRequest) events per request: send them in batches", code: "too-many-events")
        }
        let outcomes = try await service.record(events, for: learner.id)
        var results: [EventResult] = []
        var stored = 0
        var refused = 0
        for (event, outcome) in zip(events, outcomes) {
            let id = event.id.uuidString.lowercased()
            switch outcome {
            case .stored:
                stored += 1
                results.append(EventResult(id: id, status: "stored"))
            case .duplicate:
                results.append(EventResult(id: id, status: "duplicate"))
            case let .refused(error):
                refused += 1
                results.append(EventResult(id: id, status: "refused", code: error.code, message: error.message))
            }
        }
        if stored > 0 { Counter(label: "academy_events_stored_total").increment(by: stored) }
        if refused == events.count {
            throw Problem(
                .unprocessableContent,
                results.count == 1 ? results[0].message ?? "the event was refused" : "every event was refused; nothing was stored",
                code: results[0].code,
                errors: results.map { ["id": $0.id ?? "", "code": $0.code ?? "", "message": $0.message ?? ""] }
            )
        }
        struct Answer: Encodable { var results: [EventResult] }
        return try Self.json(Answer(results: results), status: stored > 0 ? .created : .ok)
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try APIEncoding.encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
