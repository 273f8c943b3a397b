public import AcademyContent
public import AcademyProgress
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The full-screen player: runs the pure core (``Player``) in a real terminal, carries out its
/// effects (storing progress, opening videos and editors), and redraws only what changed.
public struct PlayerSession: Sendable {
    /// The content.
    public var library: ContentLibrary
    /// The learner.
    public var learner: Learner
    /// Where progress goes.
    public var backend: any ProgressBackend
    /// How videos are opened.
    public var launcher: VideoLauncher
    /// The environment (`EDITOR`, `PATH`, `TMPDIR`, …).
    public var environment: [String: String]
    /// The module to open on, if any.
    public var moduleID: String?
    /// Whether colours are drawn (`NO_COLOR` turns them off).
    public var usesColor: Bool
    /// A line to show at the start (such as a problem the store handled).
    public var notice: String?

    /// Creates a session.
    public init(
        library: ContentLibrary,
        learner: Learner,
        backend: any ProgressBackend,
        launcher: VideoLauncher,
        environment: [String: String],
        moduleID: String? = nil,
        usesColor: Bool = true,
        notice: String? = nil
    ) {
        self.library = library
        self.learner = learner
        self.backend = backend
        self.launcher = launcher
        self.environment = environment
        self.moduleID = moduleID
        self.usesColor = usesColor
        self.notice = notice
    }

    /// Runs until the learner quits (or a signal stops it); returns the exit status. The terminal is
    /// given back in every case.
    public func run() async throws -> Int32 {
        let progress = try await backend.progress()
        let terminal = try TerminalDevice()
        let loop = PlayerLoop(session: self, terminal: terminal, progress: progress)
        terminal.activate()
        let status = await loop.run()
        terminal.restore()
        if let report = loop.saveUnsaved() {
            FileHandle.standardError.write(Data(report.utf8))
            return 1
        }
        if let report = await finalSync() { FileHandle.standardError.write(Data(report.utf8)) }
        return status
    }

    /// One last try to send what waits (remote mode); what to tell the learner when some still does.
    private func finalSync() async -> String? {
        guard let remote = backend as? RemoteProgressBackend else { return nil }
        let status = await remote.synchronize()
        guard status.waiting > 0 else { return nil }
        let reason = status.problem ?? "nog niet verstuurd"
        return "academy: \(status.waitingText) (\(reason)); ze staan veilig in \(remote.queue.path) "
            + "en worden verstuurd bij de volgende start met --server \(remote.server)\n"
    }
}

/// The loop's mutable parts: the state, the last screen drawn, the key decoder.
private final class PlayerLoop {
    let session: PlayerSession
    let terminal: TerminalDevice
    let writer: ScreenWriter
    var state: PlayerState
    var previous: Screen?
    var decoder = KeyDecoder()
    var exitStatus: Int32 = 0
    /// The last batch of events that could not be stored (each record carries the earlier ones).
    var unsaved: [ProgressEvent] = []
    var unsavedReason = ""
    /// Sending to the server in the background, and where its result lands.
    let syncs: BackgroundSync

    init(session: PlayerSession, terminal: TerminalDevice, progress: LearnerProgress) {
        self.session = session
        self.terminal = terminal
        self.writer = ScreenWriter(usesColor: session.usesColor)
        self.state = PlayerState(
            library: session.library,
            learner: session.learner,
            progress: progress,
            size: terminal.size(),
            now: Self.now()
        )
        if let notice = session.notice { state.show(notice, kind: .error) }
        state.sync = SyncStatus(isRemote: session.backend is RemoteProgressBackend)
        syncs = BackgroundSync(backend: session.backend, waker: terminal.waker)
    }

    static func now() -> PlayerTime {
        PlayerTime(seconds: MonotonicClock.seconds(), date: Date())
    }

    func run() async -> Int32 {
        if let moduleID = session.moduleID { await process([.open(moduleID: moduleID)]) }
        if state.sync.isRemote { syncs.start() }
        draw()
        while !state.isFinished {
            let wakes = terminal.wait(milliseconds: decoder.hasPending ? 30 : waitTime())
            var events: [PlayerEvent] = [.tick(Self.now())]
            if wakes.isEmpty, decoder.hasPending { events += decoder.flush().map(PlayerEvent.key) }
            for wake in wakes {
                switch wake {
                case let .input(bytes): events += decoder.decode(bytes).map(PlayerEvent.key)
                case .resize:
                    events.append(.resize(terminal.size()))
                    previous = nil
                case .continued:
                    terminal.activate()
                    events.append(.resize(terminal.size()))
                    previous = nil
                case let .stop(signal):
                    exitStatus = 128 + signal
                    events.append(.key(.interrupt))
                case .hangUp:
                    events.append(.key(.interrupt))
                case .work:
                    if let status = syncs.take() { events.append(.result(.synchronized(status))) }
                }
            }
            await process(events)
            draw()
        }
        return exitStatus
    }

    /// How long to wait for input: a tenth of a second while captions play, until a message goes
    /// away, else until something happens.
    private func waitTime() -> Int32 {
        if case let .video(screen) = state.route, screen.playback.isPlaying { return 100 }
        // While events wait for the server, the core needs ticks to try again.
        let syncWait: Int32 = state.sync.isRemote && state.sync.waiting > 0 ? 1000 : -1
        if let expires = state.message?.expires {
            let messageWait = Int32(max(10, min(5000, (expires - MonotonicClock.seconds()) * 1000 + 5)))
            return syncWait < 0 ? messageWait : min(messageWait, syncWait)
        }
        return syncWait
    }

    private func draw() {
        let screen = Player.render(state, size: state.size)
        let bytes = writer.update(from: previous, to: screen)
        if !bytes.isEmpty { terminal.write(bytes) }
        previous = screen
    }

    private func process(_ events: [PlayerEvent]) async {
        var queue = events[...]
        while let event = queue.popFirst() {
            let (next, effects) = Player.update(state, event)
            state = next
            for effect in effects {
                if let result = await perform(effect) { queue.append(.result(result)) }
            }
        }
    }

    private func perform(_ effect: Effect) async -> EffectResult? {
        switch effect {
        case let .record(events):
            do {
                let refused = try await session.backend.keep(events)
                unsaved = []
                return .recorded(events, refused: refused)
            } catch {
                unsaved = events
                unsavedReason = "\(error)"
                return .recordFailed(events, message: "\(error)")
            }
        case .reloadProgress:
            return (try? await session.backend.progress()).map(EffectResult.progressLoaded)
        case let .openVideo(request):
            return .videoClosed(request, openVideo(request))
        case let .editNote(request):
            defer { previous = nil }
            return NoteEditor(environment: session.environment).edit(request) { arguments in
                terminal.handOver { ChildProcess.run(arguments, environment: session.environment).outcome }
            }
        case .synchronize:
            syncs.start()
            return nil
        case .suspend:
            terminal.suspend()
            previous = nil
            return nil
        case .quit:
            return nil
        }
    }

    private func openVideo(_ request: VideoRequest) -> VideoOutcome {
        guard let video = session.library.video(id: request.videoID) else { return .failed("Onbekende video '\(request.videoID)'") }
        switch session.launcher.plan(for: video, start: request.start) {
        case let .unavailable(message):
            return .unavailable(message)
        case let .run(arguments):
            let (outcome, seconds) = terminal.handOver {
                terminal.write(Array("Video openen: \(VideoLauncher.displayed(arguments))\r\n".utf8))
                return ChildProcess.run(arguments, environment: session.launcher.childEnvironment(session.environment))
            }
            previous = nil
            switch outcome {
            case .exited(0): return .watched(seconds: seconds)
            case let .exited(status):
                return .failed("De videospeler '\(arguments[0])' stopte met status \(status); je voortgang is bewaard")
            case let .signaled(signal):
                return .failed("De videospeler '\(arguments[0])' werd gestopt (signaal \(signal)); je voortgang is bewaard")
            case let .notStarted(reason):
                return .failed("Kan de videospeler '\(arguments[0])' niet starten (\(reason)): installeer mpv of zet ACADEMY_PLAYER")
            }
        }
    }

    /// Writes events that could not be stored to a file, and says how to store them later.
    func saveUnsaved() -> String? {
        guard !unsaved.isEmpty else { return nil }
        let directory = session.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let path = "\(directory)/academy-unsaved-\(getpid()).jsonl"
        let lines = unsaved.compactMap { try? ProgressJSON.encoder.encode($0) }.map { String(decoding: $0, as: UTF8.self) }
        let saved = (try? Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))) != nil
        let count = "\(unsaved.count) voortgangsgebeurtenis\(unsaved.count == 1 ? "" : "sen")"
        if saved {
            return "academy: \(count) kon\(unsaved.count == 1 ? "" : "den") niet worden opgeslagen (\(unsavedReason)); "
                + "ze staan in \(path): sla ze later op met 'academy progress record --learner \(session.learner.id) < \(path)'\n"
        }
        return
            "academy: \(count) kon\(unsaved.count == 1 ? "" : "den") niet worden opgeslagen (\(unsavedReason)):\n\(lines.joined(separator: "\n"))\n"
    }
}
