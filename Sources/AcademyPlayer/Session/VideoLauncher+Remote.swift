public import AcademyContent
import Foundation

/// Where remote mode's videos come from: the server's media URLs, which need the token.
public struct RemoteMedia: Sendable, Hashable {
    /// The server.
    public var server: ServerAddress
    /// The token that the server's media URLs need.
    public var token: String

    /// Creates the media source.
    public init(server: ServerAddress, token: String) {
        self.server = server
        self.token = token
    }
}

extension VideoLauncher {
    /// A launcher for videos on a server: players get the media URL instead of a path.
    ///
    /// 1. `$ACADEMY_PLAYER` with `--start=SECONDS URL`, and the token in its `$ACADEMY_TOKEN`;
    /// 2. else `mpv --start=SECONDS --http-header-fields=Authorization: Bearer TOKEN URL`;
    /// 3. else `xdg-open URL` (a browser then needs content the server makes public);
    /// 4. else the URL is shown.
    public init(remote: RemoteMedia, environment: [String: String]) {
        self.init(mediaDirectory: "", environment: environment)
        self.remote = remote
    }

    /// The environment for a video player: in remote mode with `ACADEMY_TOKEN` set to the token,
    /// so a `$ACADEMY_PLAYER` script can fetch the URL.
    public func childEnvironment(_ base: [String: String]) -> [String: String] {
        guard let remote else { return base }
        var environment = base
        environment["ACADEMY_TOKEN"] = remote.token
        return environment
    }

    /// The media URL of a video on the server: its first source.
    public func url(for video: Video) -> String? {
        guard let remote, let source = video.sources.first else { return nil }
        return remote.server.url(source.src)?.absoluteString
    }

    /// A command line to show: the token in an Authorization header is left out.
    public static func displayed(_ arguments: [String]) -> String {
        arguments.map { argument in
            guard let range = argument.range(of: "Authorization: Bearer ") else { return argument }
            return argument[..<range.upperBound] + "…"
        }.joined(separator: " ")
    }

    func remotePlan(for video: Video, start: Double, from remote: RemoteMedia) -> Plan {
        guard let url = url(for: video) else {
            return .unavailable("de server noemt geen videobestand voor '\(video.id)'")
        }
        let startArgument = "--start=\(Self.seconds(start))"
        if let line = environment["ACADEMY_PLAYER"], !line.trimmingSpaces.isEmpty {
            guard let words = CommandWords.split(line), !words.isEmpty else {
                return .unavailable("ACADEMY_PLAYER ('\(line)') heeft een aanhalingsteken dat niet gesloten is; de video: \(url)")
            }
            return .run(words + [startArgument, url])
        }
        if findExecutable("mpv", environment) != nil {
            let hasDisplay = !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
            return .run(
                ["mpv", startArgument, "--http-header-fields=Authorization: Bearer \(remote.token)"] + (hasDisplay ? [] : ["--vo=tct"]) + [url]
            )
        }
        if findExecutable("xdg-open", environment) != nil {
            return .run(["xdg-open", url])
        }
        return .unavailable("geen videospeler gevonden (installeer mpv of zet ACADEMY_PLAYER); de video: \(url)")
    }
}
