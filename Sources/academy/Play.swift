import AcademyPlayer
import ArgumentParser
import Foundation

struct Play: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Work through the academy in the terminal: modules, videos with timed captions, step plans.",
        discussion: """
            Full screen in a terminal (press ? for the keys); plain lines with --plain, when the output is not a \
            terminal, or with TERM=dumb. The o key opens a video in $ACADEMY_PLAYER (split into words like \
            $PAGER; it gets --start=SECONDS PATH appended), else mpv (--vo=tct without a display), else xdg-open, \
            else the file's path and the transcript are shown. Notes open in $VISUAL or $EDITOR. Colours follow \
            NO_COLOR and FORCE_COLOR. The loaded content is cached in $XDG_CACHE_HOME/academy (else ~/.cache/academy) \
            for a fast start, and used only while no file under --modules has changed.

            With --server URL the player works against a school's server instead of the local data directory: \
            content, progress and videos come from its API, and the token says who you are (from --token, else \
            $ACADEMY_TOKEN, else the login saved by 'academy login' for that server). Progress first goes to a local \
            queue in $XDG_STATE_HOME/academy (else ~/.local/state/academy) and leaves it once the server has it; while \
            the server is down, events wait there (the footer says how many) and are sent when it is back, never twice. \
            The server's content is cached with its ETags in $XDG_CACHE_HOME/academy/remote-*, so the player also starts \
            while the server is down. Without --server the player stays local, even with a saved login. \
            The o key gives mpv the media URL with the token in an Authorization header, and $ACADEMY_PLAYER the URL \
            with the token in $ACADEMY_TOKEN.
            """
    )

    @Argument(help: "The module to open (an id from 'academy modules'); default: the catalog.")
    var module: String?

    @Flag(help: "Print readable lines instead of running full screen.")
    var plain = false

    @OptionGroup var options: PlayerCommandOptions

    func run() async throws {
        try await runningPlayerCommand {
            try await PlayCommand(options: options.playerOptions, moduleID: module, isPlain: plain).run()
        }
    }
}

/// The options of play, watch and check.
struct PlayerCommandOptions: ParsableArguments {
    @Option(help: "The data directory (default: $ACADEMY_DATA, else $XDG_DATA_HOME/academy, else ~/.local/share/academy).")
    var data: String?

    @Option(name: .customLong("modules"), help: "The content tree.")
    var contentRoot = "Modules"

    @Option(help: "The media directory with <module-id>/<file> (default: media/ beside the content tree).")
    var media: String?

    @Option(help: "The learner (default: $ACADEMY_LEARNER, else the only one, else the local learner; with --server: the token's).")
    var learner: String?

    @Option(help: "A school's academy server, such as http://school.example:8080 (http:// is assumed); default: the local data directory.")
    var server: String?

    @Option(help: "The token for --server (default: $ACADEMY_TOKEN, else the login saved by 'academy login' for that server).")
    var token: String?

    var playerOptions: PlayerOptions {
        PlayerOptions(
            contentRoot: contentRoot,
            dataDirectory: data,
            mediaDirectory: media,
            learnerID: learner,
            server: server,
            token: token,
            environment: ProcessInfo.processInfo.environment
        )
    }
}

/// Runs a player command: an unknown id is a usage error (exit 64), other failures print and exit 1.
func runningPlayerCommand(_ body: () async throws -> Int32) async throws {
    let status: Int32
    do {
        status = try await body()
    } catch let error as PlayerUsageError {
        throw ValidationError(error.message)
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode.failure
    }
    if status != 0 { throw ExitCode(status) }
}
