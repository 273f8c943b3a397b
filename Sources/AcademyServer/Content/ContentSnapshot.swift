public import AcademyContent
public import Foundation
import HTTPTypes
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Everything the server answers from the content, made once per load: the library, every content
/// response encoded (and gzipped) with its ETag, and the index of media files by URL.
public final class ContentSnapshot: Sendable {
    /// The content.
    public let library: ContentLibrary
    /// When it was loaded.
    public let loadedAt: Date
    let catalog: CachedResponse
    let tracks: CachedResponse
    let modules: [String: CachedResponse]
    let videos: [String: CachedResponse]
    /// Referenced files by `module/src`.
    let media: [String: MediaEntry]

    /// Builds the snapshot; `cacheControl` is `private` unless content is public.
    init(library: ContentLibrary, mediaDirectory: String, isPublic: Bool) throws {
        self.library = library
        loadedAt = Date()
        let cacheControl = isPublic ? "public, max-age=60" : "private, max-age=60"
        catalog = try CachedResponse(json: APIDocuments.catalog(library), cacheControl: cacheControl)
        tracks = try CachedResponse(json: APIDocuments.tracks(library), cacheControl: cacheControl)
        var modules: [String: CachedResponse] = [:]
        var videos: [String: CachedResponse] = [:]
        var media: [String: MediaEntry] = [:]
        let roots = [ContentSnapshot.resolved(library.root), ContentSnapshot.resolved(mediaDirectory)].compactMap { $0 }
        let mediaCache = isPublic ? "public, max-age=3600" : "private, max-age=3600"
        for module in library.modules {
            modules[module.id] = try CachedResponse(json: APIDocuments.module(module), cacheControl: cacheControl)
            for video in module.videos {
                videos[video.id] = try CachedResponse(json: APIDocuments.video(video, in: module), cacheControl: cacheControl)
                var names = video.sources.map(\.src)
                if let poster = video.poster { names.append(poster) }
                names += (video.captions + video.chapters).map(\.src)
                for src in names {
                    let candidates = [
                        "\(mediaDirectory)/\(module.id)/\(src)",
                        "\(library.root)/\(module.folder)/\(src)",
                    ]
                    var entry = MediaEntry(
                        candidates: candidates,
                        allowedRoots: roots,
                        contentType: MediaEntry.contentType(of: src),
                        cacheControl: mediaCache,
                        inMemory: nil
                    )
                    // Captions and chapters are part of the content: kept in memory with it.
                    if src.hasSuffix(".vtt"), let path = entry.resolve(), let file = Representation.file(at: path, contentType: entry.contentType, cacheControl: mediaCache),
                        let data = FileManager.default.contents(atPath: path)
                    {
                        entry.inMemory = Representation(
                            source: .memory(ByteBuffer(bytes: data)),
                            length: data.count,
                            etag: file.etag,
                            lastModified: file.lastModified,
                            contentType: entry.contentType,
                            cacheControl: mediaCache
                        )
                    }
                    media["\(module.id)/\(src)"] = entry
                }
            }
        }
        self.modules = modules
        self.videos = videos
        self.media = media
    }

    static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// A file that the content references, servable under `/media/{module}/{src}`.
struct MediaEntry: Sendable {
    /// Where it may be: the media directory, then beside the manifest.
    let candidates: [String]
    /// The resolved roots it must stay inside (no symbolic link may lead out).
    let allowedRoots: [String]
    let contentType: String
    let cacheControl: String
    /// The whole file, for small text files held with the content.
    var inMemory: Representation?

    /// The file's real path, when it exists inside an allowed root.
    func resolve() -> String? {
        for candidate in candidates {
            guard let real = ContentSnapshot.resolved(candidate) else { continue }
            guard allowedRoots.contains(where: { real.hasPrefix($0 + "/") }) else { continue }
            var status = stat()
            guard stat(real, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
            return real
        }
        return nil
    }

    static func contentType(of src: String) -> String {
        switch src.split(separator: ".").last?.lowercased() {
        case "webm": "video/webm"
        case "mp4", "m4v": "video/mp4"
        case "vtt": "text/vtt; charset=utf-8"
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "webp": "image/webp"
        default: "application/octet-stream"
        }
    }
}
