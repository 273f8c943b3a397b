import Foundation

/// The server's documents as last fetched, with their ETags, in
/// `$XDG_CACHE_HOME/academy/remote-<hash of the server>/`: the next start asks the server only
/// whether each changed (`If-None-Match`; 304 means the copy is current), and a start while the
/// server is down uses the copies as they are.
///
/// Each document is one file, `<hash of its path>.doc`: a first line naming the format, then the
/// path, the ETag and the body. Files are replaced whole; one that cannot be read is a miss.
struct DocumentCache: Sendable {
    /// The directory, or `nil` for no cache at all.
    let directory: String?

    /// A fetched document.
    struct Entry: Sendable {
        var etag: String?
        var body: [UInt8]
    }

    /// The cache of a server in the user's cache directory (none when there is no home).
    static func standard(server: ServerAddress, environment: [String: String]) -> DocumentCache {
        let base = try? UserDirectories.cache(environment)
        return DocumentCache(directory: base.map { "\($0)/remote-\(ServerAddress.shortHash(server.normalized))" })
    }

    private static let magic = Array("academy-remote-cache 1\n".utf8)

    /// The file of a path (a URL path or a name of the player's own, such as `me-<hash>`).
    func file(for path: String) -> String? {
        directory.map { "\($0)/\(ServerAddress.shortHash(path)).doc" }
    }

    /// The cached copy of `path`, if any.
    func entry(for path: String) -> Entry? {
        guard let file = file(for: path), let bytes = try? DurableFile.read(file), bytes.starts(with: Self.magic) else { return nil }
        var rest = bytes[Self.magic.count...]
        guard let pathEnd = rest.firstIndex(of: 0x0A), String(decoding: rest[..<pathEnd], as: UTF8.self) == path else { return nil }
        rest = rest[(pathEnd + 1)...]
        guard let etagEnd = rest.firstIndex(of: 0x0A) else { return nil }
        let etag = String(decoding: rest[..<etagEnd], as: UTF8.self)
        return Entry(etag: etag.isEmpty ? nil : etag, body: Array(rest[(etagEnd + 1)...]))
    }

    /// Keeps a copy of `path` (best effort: a cache that cannot be written is only a slower start).
    func store(_ path: String, etag: String?, body: [UInt8]) {
        guard let directory, let file = file(for: path), !path.contains("\n"), !(etag ?? "").contains("\n") else { return }
        try? DurableFile.makeDirectory(directory)
        try? DurableFile.replace(file, with: Self.magic + Array(path.utf8) + [0x0A] + Array((etag ?? "").utf8) + [0x0A] + body, isDurable: false)
    }
}
