public import AcademyContent
public import Foundation
import HTTPTypes
import NIOCore
import Synchronization

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
        catalog = try CachedResponse(json: ContentDocuments.catalog(library), cacheControl: cacheControl)
        tracks = try CachedResponse(json: ContentDocuments.tracks(library), cacheControl: cacheControl)
        var modules: [String: CachedResponse] = [:]
        var videos: [String: CachedResponse] = [:]
        var media: [String: MediaEntry] = [:]
        let roots = [ContentSnapshot.resolved(library.root), ContentSnapshot.resolved(mediaDirectory)].compactMap { $0 }
        let mediaCache = isPublic ? "public, max-age=3600" : "private, max-age=3600"
        for module in library.modules {
            modules[module.id] = try CachedResponse(json: ContentDocuments.module(module), cacheControl: cacheControl)
            for video in module.videos {
                videos[video.id] = try CachedResponse(json: ContentDocuments.video(video, in: module), cacheControl: cacheControl)
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
                        inMemory: nil,
                        resolved: ResolvedFile()
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
    /// The file last found, checked with one `stat` per request.
    let resolved: ResolvedFile

    /// The file's representation and an open descriptor of it, for the fast path.
    func openRepresentation() -> (representation: Representation, descriptor: SharedDescriptor)? {
        if let opened = resolved.openCurrent() { return opened }
        guard representation() != nil else { return nil }
        return resolved.openCurrent()
    }

    /// The file's representation: the one found before while it is unchanged (same inode, size and
    /// modification time), else looked up again.
    func representation() -> Representation? {
        if let representation = resolved.current() { return representation }
        guard let path = resolve(), let representation = Representation.file(at: path, contentType: contentType, cacheControl: cacheControl) else {
            resolved.clear()
            return nil
        }
        resolved.remember(representation, at: path)
        return representation
    }

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

/// The file a media entry resolved to, remembered with its identity, and kept open for the fast
/// path (as nginx's `open_file_cache`). The fast path checks at most once a second that the path
/// still names the same unchanged file; until then it may serve the file it has open, which is
/// always consistent with the validators it sends. Hummingbird's path checks on every request.
final class ResolvedFile: Sendable {
    typealias Stamp = (inode: UInt64, size: Int, modified: Int)

    private final class Found: Sendable {
        let path: String
        let stamp: Stamp
        let representation: Representation
        let descriptor: SharedDescriptor?
        /// When the stamp was last seen unchanged, in monotonic nanoseconds.
        let checkedAt: Atomic<Int>

        init(path: String, stamp: Stamp, representation: Representation, descriptor: SharedDescriptor?, checkedAt: Int) {
            self.path = path
            self.stamp = stamp
            self.representation = representation
            self.descriptor = descriptor
            self.checkedAt = Atomic(checkedAt)
        }
    }

    /// How long the fast path trusts a check of the file.
    static let validity = 1_000_000_000

    private let found = Mutex<Found?>(nil)

    func current() -> Representation? {
        guard let found = found.withLock({ $0 }) else { return nil }
        guard let stamp = ResolvedFile.stamp(found.path), stamp == found.stamp else { return nil }
        found.checkedAt.store(Self.now(), ordering: .relaxed)
        return found.representation
    }

    func remember(_ representation: Representation, at path: String) {
        guard let stamp = ResolvedFile.stamp(path) else { return }
        let found = Found(path: path, stamp: stamp, representation: representation, descriptor: nil, checkedAt: Self.now())
        self.found.withLock { $0 = found }
    }

    func clear() {
        found.withLock { $0 = nil }
    }

    /// The remembered file and an open descriptor of it, while the path still names that same
    /// unchanged file (checked at most once per ``validity``).
    func openCurrent() -> (representation: Representation, descriptor: SharedDescriptor)? {
        guard let found = found.withLock({ $0 }) else { return nil }
        let now = Self.now()
        if now - found.checkedAt.load(ordering: .relaxed) > Self.validity || found.descriptor == nil {
            guard let stamp = ResolvedFile.stamp(found.path), stamp == found.stamp else { return nil }
            found.checkedAt.store(now, ordering: .relaxed)
        }
        if let descriptor = found.descriptor { return (found.representation, descriptor) }
        let opened = open(found.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard opened >= 0 else { return nil }
        let descriptor = SharedDescriptor(opened)
        var status = stat()
        guard fstat(opened, &status) == 0, Self.stamp(of: status) == found.stamp else { return nil }
        let opens = Found(path: found.path, stamp: found.stamp, representation: found.representation, descriptor: descriptor, checkedAt: now)
        self.found.withLock { current in
            if current === found { current = opens }
        }
        return (found.representation, descriptor)
    }

    static func stamp(_ path: String) -> Stamp? {
        var status = stat()
        guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return stamp(of: status)
    }

    private static func stamp(of status: stat) -> Stamp {
        (UInt64(status.st_ino), Int(status.st_size), status.st_mtim.tv_sec * 1_000_000_000 + status.st_mtim.tv_nsec)
    }

    /// Monotonic nanoseconds, from the coarse clock (no system call).
    private static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &time)
        return time.tv_sec * 1_000_000_000 + time.tv_nsec
    }
}

/// An open file descriptor, closed when its last user lets go of it.
final class SharedDescriptor: Sendable {
    let value: Int32

    init(_ value: Int32) {
        self.value = value
    }

    deinit {
        close(value)
    }
}
