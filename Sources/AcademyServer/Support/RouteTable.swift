import HTTPTypes
import Hummingbird
import Synchronization

/// The server's route templates and the methods each answers, to tell "no such resource" (404)
/// from "not with this method" (405 with `Allow`). Read from the router once its routes are all
/// added, so it cannot drift from them.
final class RouteTable: Sendable {
    private let routes = Mutex<[(segments: [Substring], methods: [HTTPRequest.Method])]>([])

    /// Takes the routes of `router`: templates such as `/api/v1/modules/{id}` (`{…}` is one
    /// segment, `**` the rest), in the order added.
    func load<Context>(from router: Router<Context>) {
        var table: [(segments: [Substring], methods: [HTTPRequest.Method])] = []
        for route in router.routes {
            let segments = route.path.description.split(separator: "/")
            if let index = table.firstIndex(where: { $0.segments == segments }) {
                table[index].methods.append(route.method)
            } else {
                table.append((segments, [route.method]))
            }
        }
        routes.withLock { $0 = table }
    }

    /// The methods of the first template matching `path`, if any.
    func methods(for path: String) -> [HTTPRequest.Method]? {
        let segments = (path.split(separator: "?", maxSplits: 1).first ?? "").split(separator: "/")
        return routes.withLock { routes in
            routes.first { Self.matches($0.segments, segments) }?.methods
        }
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
}
