import AcademyContent
import AcademyProgress

extension PlayerState {
    /// How far ← and → jump, in seconds.
    static let seekStep = 10.0

    /// The id of the video whose screen is showing, if one is.
    var showingVideo: String? {
        if case let .video(screen) = route { return screen.videoID }
        return nil
    }

    /// Opens a video's screen with its captions playing from `at` (else from where the learner was).
    mutating func openVideo(_ id: String, at: Double?, effects: inout [Effect]) {
        guard let video = library.video(id: id) else { return }
        let start = at ?? resumePosition(of: video)
        let playback = CaptionPlayback(duration: video.duration.seconds, position: start, isPlaying: true, now: now.seconds)
        push(.video(VideoScreen(videoID: video.id, moduleID: video.moduleID, playback: playback)))
    }

    /// Moves caption playback on; records played time every ``CaptionPlayback/recordInterval`` and at the end.
    mutating func tickVideo(effects: inout [Effect]) {
        guard case var .video(screen) = route else { return }
        let ended = screen.playback.advance(to: now.seconds)
        if ended || screen.playback.isRecordDue(now: now.seconds) {
            recordPlayback(&screen, effects: &effects)
        }
        if ended { show("Einde van de video") }
        replaceTop(.video(screen))
    }

    /// Pauses caption playback and records what played, before the video screen is left.
    mutating func leaveVideo(effects: inout [Effect]) {
        guard case var .video(screen) = route else { return }
        screen.playback.pause(now: now.seconds)
        recordPlayback(&screen, effects: &effects)
        replaceTop(.video(screen))
    }

    private mutating func recordPlayback(_ screen: inout VideoScreen, effects: inout [Effect]) {
        guard let segments = screen.playback.takeUnrecorded(now: now.seconds) else { return }
        let position = (screen.playback.position * 1000).rounded() / 1000
        record([.videoProgress(videoID: screen.videoID, segments: segments, position: position)], moduleID: screen.moduleID, effects: &effects)
    }

    mutating func handleVideoKey(_ key: Key, screen: VideoScreen, effects: inout [Effect]) {
        guard let video = library.video(id: screen.videoID) else { return back(effects: &effects) }
        var screen = screen
        let time = now.seconds
        switch key {
        case .space:
            if screen.playback.isPlaying {
                screen.playback.pause(now: time)
                recordPlayback(&screen, effects: &effects)
            } else {
                screen.playback.play(now: time)
            }
        case .left: screen.playback.seek(to: screen.playback.position - Self.seekStep, now: time)
        case .right: screen.playback.seek(to: screen.playback.position + Self.seekStep, now: time)
        case .home, .character("0"): screen.playback.seek(to: 0, now: time)
        case .character("["), .character("]"):
            let chapters = video.chapters(in: language)?.cues ?? []
            guard !chapters.isEmpty else {
                show("Deze video heeft geen hoofdstukken")
                break
            }
            screen.playback.advance(to: time)
            let target = Self.chapterStart(chapters, from: screen.playback.position, forward: key == .character("]"))
            screen.playback.seek(to: target ?? screen.playback.position, now: time)
            if target == nil { show("Dit is het laatste hoofdstuk") }
        case .character("+"), .character("="): screen.playback.changeSpeed(by: 1, now: time)
        case .character("-"), .character("_"): screen.playback.changeSpeed(by: -1, now: time)
        case .character("t"): screen.showsTranscript.toggle()
        case .character("o"):
            screen.playback.pause(now: time)
            recordPlayback(&screen, effects: &effects)
            effects.append(.openVideo(VideoRequest(videoID: video.id, moduleID: screen.moduleID, start: screen.playback.position)))
        case .character("q"), .escape, .backspace:
            return back(effects: &effects)
        default:
            return
        }
        replaceTop(.video(screen))
    }

    /// The start of the next chapter after `position`, or going back: the start of the current
    /// chapter when more than 3 seconds into it, else of the one before.
    static func chapterStart(_ chapters: [Cue], from position: Double, forward: Bool) -> Double? {
        let starts = chapters.map(\.start.seconds)
        if forward { return starts.first { $0 > position + 0.5 } }
        guard let current = starts.lastIndex(where: { $0 <= position + 0.001 }) else { return 0 }
        if position - starts[current] > 3 { return starts[current] }
        return current > 0 ? starts[current - 1] : 0
    }

    /// Records the time spent in the outside player as played from where it started.
    mutating func videoClosed(_ request: VideoRequest, outcome: VideoOutcome, effects: inout [Effect]) {
        guard let video = library.video(id: request.videoID) else { return }
        switch outcome {
        case let .watched(seconds):
            let end = min(video.duration.seconds, request.start + seconds)
            if seconds >= 1, end > request.start {
                let from = (request.start * 1000).rounded() / 1000
                let to = (end * 1000).rounded() / 1000
                record(
                    [.videoProgress(videoID: video.id, segments: [.init(from: from, to: to)], position: to)],
                    moduleID: request.moduleID,
                    effects: &effects
                )
                show("Video bekeken van \(Clock.text(request.start)) tot \(Clock.text(end)); opgeslagen")
            } else {
                show("De videospeler is gesloten")
            }
            if case var .video(screen) = route, screen.videoID == video.id {
                screen.playback.seek(to: end, now: now.seconds)
                replaceTop(.video(screen))
            }
        case let .failed(reason):
            show(reason, kind: .error)
        case let .unavailable(hint):
            if showingVideo != video.id {
                openVideo(video.id, at: request.start, effects: &effects)
            }
            guard case var .video(screen) = route else { return }
            screen.fileHint = hint
            screen.showsTranscript = true
            replaceTop(.video(screen))
            show("Geen videospeler gevonden; hieronder het transcript")
        }
    }
}
