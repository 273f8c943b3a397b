import AcademyContent
import Foundation

/// Fetches the content from a server: the catalog and tracks, then every module's detail, then
/// every captions file, each round concurrently. Each document is revalidated against the cache
/// with its ETag; when the server cannot be reached, the cached copy is used.
struct RemoteContentLoader: Sendable {
    /// The client.
    let client: HTTPClient
    /// The cache of fetched documents.
    let cache: DocumentCache
    /// Whether the server is known to be down: everything comes from the cache.
    let isOffline: Bool
    /// How many requests run at once.
    static let concurrency = 8

    /// A document, and whether it is the cached copy because the server could not be reached.
    struct Fetched: Sendable {
        var body: [UInt8]
        var isFromCache: Bool
    }

    /// The library, and whether any of it came from the cache because the server was down.
    func library() async throws(RemoteError) -> (library: ContentLibrary, isFromCache: Bool) {
        let first = try await fetchAll(["/api/v1/modules", "/api/v1/tracks"])
        let (catalogDocument, tracksDocument) = (first["/api/v1/modules"], first["/api/v1/tracks"])
        let catalog = try decode(ContentDocuments.Catalog.self, catalogDocument, "/api/v1/modules")
        let tracks = try decode([ContentDocuments.TrackSummary].self, tracksDocument, "/api/v1/tracks")
        let modulePaths = catalog.modules.map(\.href)
        let moduleDocuments = try await fetchAll(modulePaths)
        var modules: [ContentDocuments.ModuleDetail] = []
        for path in modulePaths {
            guard let document = moduleDocuments[path] else { continue }
            modules.append(try decode(ContentDocuments.ModuleDetail.self, document, path))
        }
        let captionPaths = modules.flatMap { $0.videos.flatMap { $0.captions.map(\.url) } }
        let captions = try await fetchAll(captionPaths, isOptional: true)
        let library = try RemoteLibrary.make(
            server: client.server,
            catalog: catalog,
            tracks: tracks,
            modules: modules,
            captions: captions.mapValues(\.body)
        )
        let fetched = [catalogDocument, tracksDocument].compactMap { $0 } + moduleDocuments.values + captions.values
        let isFromCache = fetched.contains(where: \.isFromCache)
        return (library, isFromCache)
    }

    /// One document: revalidated or fetched, else the cached copy when the server is down.
    /// `isOptional`: a document the server does not have (404) is left out rather than an error.
    func fetch(_ path: String, isOptional: Bool = false) async throws(RemoteError) -> Fetched? {
        let cached = cache.entry(for: path)
        if isOffline {
            if let cached { return Fetched(body: cached.body, isFromCache: true) }
            throw RemoteError(
                code: "unreachable",
                message: "cannot reach \(client.server), and \(path) is not in the cache yet: start the server, check the address, "
                    + "or connect once while the server is up"
            )
        }
        let answer: HTTPAnswer
        do {
            answer = try await client.get(path, ifNoneMatch: cached?.etag)
        } catch {
            if let cached { return Fetched(body: cached.body, isFromCache: true) }
            throw RemoteError(
                code: "unreachable",
                message: "cannot reach \(client.server) (\(error.reason)) for \(path), and it is not in the cache: try again"
            )
        }
        switch answer.status {
        case 304 where cached != nil:
            return Fetched(body: cached!.body, isFromCache: false)
        case 200:
            cache.store(path, etag: answer.headers["etag"], body: Array(answer.body))
            return Fetched(body: Array(answer.body), isFromCache: false)
        case 404 where isOptional:
            return nil
        default:
            throw RemoteConnection.error(for: answer, server: client.server, path: path)
        }
    }

    /// Many documents, at most ``concurrency`` at a time.
    private func fetchAll(_ paths: [String], isOptional: Bool = false) async throws(RemoteError) -> [String: Fetched] {
        let unique = Array(Set(paths))
        do {
            return try await withThrowingTaskGroup(of: (String, Fetched?).self) { group in
                var results: [String: Fetched] = [:]
                var pending = unique[...]
                for _ in 0..<Self.concurrency {
                    guard let path = pending.popFirst() else { break }
                    group.addTask { (path, try await fetch(path, isOptional: isOptional)) }
                }
                while let (path, fetched) = try await group.next() {
                    results[path] = fetched
                    if let next = pending.popFirst() { group.addTask { (next, try await fetch(next, isOptional: isOptional)) } }
                }
                return results
            }
        } catch let error as RemoteError {
            throw error
        } catch {
            throw RemoteError(code: "unreachable", message: "\(error)")
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ fetched: Fetched?, _ path: String) throws(RemoteError) -> T {
        guard let fetched else { throw RemoteError(code: "not-academy", message: "\(client.server) has no \(path): check the address") }
        do {
            return try JSONDecoder().decode(type, from: Data(fetched.body))
        } catch {
            let excerpt = String(decoding: fetched.body.prefix(60), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            throw RemoteError(
                code: "not-academy",
                message: "\(client.server) is not an academy server: \(path) answered '\(excerpt)', which is not the academy's JSON "
                    + "(\(Self.describe(error))): check the address ('academy serve' prints it)"
            )
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case let .keyNotFound(key, context): return "no \"\(key.stringValue)\" at \(path(context))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(context.debugDescription) at \(path(context))"
        @unknown default: return "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.isEmpty ? "the top" : context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
