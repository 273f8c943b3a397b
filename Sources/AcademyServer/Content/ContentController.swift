import AcademyContent
import Hummingbird

/// The content API: the catalog, tracks, modules and videos, answered from the snapshot's
/// precomputed responses (strong ETags, 304s, gzip).
struct ContentController {
    let content: ContentState
    let isPublic: Bool

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("modules", use: catalog)
        routes.head("modules", use: catalog)
        routes.get("modules/{id}", use: module)
        routes.get("tracks", use: tracks)
        routes.get("videos/{id}", use: video)
        return routes
    }

    private func allow(_ context: AppRequestContext) throws {
        if !isPublic { _ = try context.requireLearner() }
    }

    @Sendable func catalog(_ request: Request, context: AppRequestContext) async throws -> Response {
        try allow(context)
        return content.snapshot.catalog.response(to: request)
    }

    @Sendable func tracks(_ request: Request, context: AppRequestContext) async throws -> Response {
        try allow(context)
        return content.snapshot.tracks.response(to: request)
    }

    @Sendable func module(_ request: Request, context: AppRequestContext) async throws -> Response {
        try allow(context)
        let id = try context.parameters.requireDecoded("id")
        let snapshot = content.snapshot
        guard let response = snapshot.modules[id] else {
            throw Problem(.notFound, "no module '\(id)'\(Self.hint(id, snapshot.library.modules.map(\.id))): see GET /api/v1/modules", code: "not-found")
        }
        return response.response(to: request)
    }

    @Sendable func video(_ request: Request, context: AppRequestContext) async throws -> Response {
        try allow(context)
        let id = try context.parameters.requireDecoded("id")
        let snapshot = content.snapshot
        guard let response = snapshot.videos[id] else {
            let ids = snapshot.library.modules.flatMap { $0.videos.map(\.id) }
            throw Problem(.notFound, "no video '\(id)'\(Self.hint(id, ids)): see GET /api/v1/modules/{id}", code: "not-found")
        }
        return response.response(to: request)
    }

    static func hint(_ id: String, _ candidates: [String]) -> String {
        Suggestions.closest(to: id, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
