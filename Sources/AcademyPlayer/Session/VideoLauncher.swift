public import AcademyContent

#if canImport(Glibc)
import Glibc
#endif

/// Decides how to open a video for real: which file (the first of its sources that is readable in
/// the media directory, `<media>/<module-id>/<src>`) and which program:
///
/// 1. `$ACADEMY_PLAYER`, split into words like `$PAGER`, with `--start=SECONDS PATH` appended;
/// 2. else `mpv --start=SECONDS PATH`, with `--vo=tct` (video as coloured text) when neither
///    `DISPLAY` nor `WAYLAND_DISPLAY` is set;
/// 3. else `xdg-open PATH` (which cannot start at a time);
/// 4. else nothing: the player shows the file's path and the transcript.
public struct VideoLauncher: Sendable {
    /// What to do.
    public enum Plan: Sendable, Hashable {
        /// Run these arguments (program first) in the foreground.
        case run([String])
        /// There is no way to play it here; the message says where the file is or what is missing.
        case unavailable(String)
    }

    /// The media directory.
    public var mediaDirectory: String
    /// The environment (`ACADEMY_PLAYER`, `DISPLAY`, `WAYLAND_DISPLAY`, `PATH`).
    public var environment: [String: String]
    /// Finds a program on `PATH`.
    public var findExecutable: @Sendable (_ name: String, _ environment: [String: String]) -> String?
    /// Whether a file can be read.
    public var isReadable: @Sendable (_ path: String) -> Bool
    /// Whether a file exists.
    public var exists: @Sendable (_ path: String) -> Bool
    /// The server the videos come from, in remote mode (then ``mediaDirectory`` is not used).
    public var remote: RemoteMedia?

    /// Creates a launcher that looks at the real file system and `PATH`.
    public init(mediaDirectory: String, environment: [String: String]) {
        self.mediaDirectory = mediaDirectory
        self.environment = environment
        self.findExecutable = { ChildProcess.executable(named: $0, environment: $1) }
        self.isReadable = { access($0, R_OK) == 0 }
        self.exists = { access($0, F_OK) == 0 }
    }

    /// The media directory to use: `--media DIR`, else `media/` beside the content folder.
    public static func defaultMediaDirectory(contentRoot: String) -> String {
        var root = contentRoot
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        guard let slash = root.lastIndex(of: "/") else { return "media" }
        let parent = root[..<slash]
        return parent.isEmpty ? "/media" : "\(parent)/media"
    }

    /// The path of a video's file: the first source that is readable.
    public func file(for video: Video) -> Result<String, VideoFileError> {
        let paths = video.sources.map { "\(mediaDirectory)/\(video.moduleID)/\($0.src)" }
        if let readable = paths.first(where: isReadable) { return .success(readable) }
        if let unreadable = paths.first(where: exists) {
            return .failure(VideoFileError(message: "het videobestand \(unreadable) is niet leesbaar: controleer de rechten (chmod a+r)"))
        }
        let names = video.sources.map(\.src).joined(separator: " of ")
        return .failure(
            VideoFileError(
                message: "geen videobestand in \(mediaDirectory)/\(video.moduleID)/ (\(names)): geef de map met video's op met --media DIR"
            )
        )
    }

    /// How to open `video` at `start` seconds.
    public func plan(for video: Video, start: Double) -> Plan {
        if let remote { return remotePlan(for: video, start: start, from: remote) }
        let path: String
        switch file(for: video) {
        case let .success(found): path = found.hasPrefix("-") ? "./" + found : found
        case let .failure(error): return .unavailable(error.message)
        }
        let startArgument = "--start=\(Self.seconds(start))"
        if let line = environment["ACADEMY_PLAYER"], !line.trimmingSpaces.isEmpty {
            guard let words = CommandWords.split(line), !words.isEmpty else {
                return .unavailable("ACADEMY_PLAYER ('\(line)') heeft een aanhalingsteken dat niet gesloten is; het videobestand: \(path)")
            }
            return .run(words + [startArgument, path])
        }
        if findExecutable("mpv", environment) != nil {
            let hasDisplay = !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
            return .run(["mpv", startArgument] + (hasDisplay ? [] : ["--vo=tct"]) + [path])
        }
        if findExecutable("xdg-open", environment) != nil {
            return .run(["xdg-open", path])
        }
        return .unavailable("geen videospeler gevonden (installeer mpv of zet ACADEMY_PLAYER); het videobestand: \(path)")
    }

    /// Seconds as the players read them: "83", "83.5", "83.25".
    static func seconds(_ value: Double) -> String {
        let milliseconds = Int((max(0, value) * 1000).rounded())
        let whole = milliseconds / 1000
        var fraction = String(milliseconds % 1000 + 1000).dropFirst()
        while fraction.hasSuffix("0") { fraction = fraction.dropLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
    }
}

/// A video file that cannot be played: missing or unreadable, with what to do.
public struct VideoFileError: Error, Sendable, Hashable {
    /// What is wrong and how to fix it.
    public var message: String
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
