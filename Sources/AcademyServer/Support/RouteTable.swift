import HTTPTypes

/// The server's route templates and the methods each answers, to tell "no such resource" (404)
/// from "not with this method" (405 with `Allow`).
struct RouteTable: Sendable {
    private var routes: [(segments: [Substring], methods: [HTTPRequest.Method])] = []

    /// Adds a template such as `/api/v1/modules/{id}` (`{…}` is one segment, `**` the rest).
    mutating func add(_ template: String, _ methods: [HTTPRequest.Method]) {
        routes.append((template.split(separator: "/"), methods))
    }

    /// The methods of the first template matching `path`, if any.
    func methods(for path: String) -> [HTTPRequest.Method]? {
        let segments = (path.split(separator: "?", maxSplits: 1).first ?? "").split(separator: "/")
        for route in routes where Self.matches(route.segments, segments) {
            return route.methods
        }
        return nil
    }

    private static func matches(_ template: [Substring], _ path: [Substring]) -> Bool {
        for (index, part) in template.enumerated() {
            if part == "**" { return path.count > index }
            guard index < path.count else { return false }
            if part.hasPrefix("{") { continue }
            if part != path[index] { return false }
        }
        return template.count == path.count
    }

    /// The academy's routes.
    static let academy: RouteTable = {
        var table = RouteTable()
        table.add("/api/v1/modules", [.get, .head])
        table.add("/api/v1/modules/{id}", [.get])
        table.add("/api/v1/videos/{id}", [.get])
        table.add("/api/v1/tracks", [.get])
        table.add("/api/v1/me", [.get])
        table.add("/api/v1/me/progress", [.get])
        table.add("/api/v1/me/events", [.post])
        table.add("/api/v1/me/next", [.get])
        table.add("/api/v1/me/videos/{id}", [.get])
        table.add("/api/v1/learners/{id}/progress", [.get])
        table.add("/api/v1/teams/{team}/progress", [.get])
        table.add("/media/**", [.get, .head])
        table.add("/healthz", [.get])
        table.add("/readyz", [.get])
        table.add("/metrics", [.get])
        return table
    }()
}
