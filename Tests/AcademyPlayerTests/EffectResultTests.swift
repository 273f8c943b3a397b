import AcademyContent
import AcademyProgress
import Foundation
import Testing

@testable import AcademyPlayer

@Suite("Effect results in the core")
struct EffectResultTests {
    @Test("Events that could not be stored are kept, shown as an error, and sent with the next record")
    func recordFailure() {
        var driver = Driver(moduleID: "m1")
        driver.press(.end, .enter, .space)
        let first = driver.recorded
        #expect(first.count == 1)
        driver.send(.result(.recordFailed(first, message: "disk full")))
        #expect(driver.state.unsent.map(\.id) == first.map(\.id))
        #expect(driver.state.message?.kind == .error)
        #expect(driver.text.contains("Voortgang nog niet opgeslagen (disk full)"))
        #expect(driver.state.progress.checkedSteps == ["s1"], "the screen keeps what the learner did")
        _ = driver.takeEffects()
        driver.press(.down, .space)
        guard case let .record(events) = driver.effects.first else {
            Issue.record("expected a record effect")
            return
        }
        #expect(events.count == 2)
        #expect(events[0].id == first[0].id, "the same event (same id) again: stored once")
        #expect(driver.state.unsent.isEmpty)
    }

    @Test("Quitting sends the events not yet stored")
    func quitSendsUnsent() {
        var driver = Driver(moduleID: "m1")
        driver.press(.end, .enter, .space)
        let first = driver.recorded
        driver.send(.result(.recordFailed(first, message: "read-only")))
        _ = driver.takeEffects()
        driver.press(.interrupt)
        #expect(driver.effects == [.record(first), .quit])
    }

    @Test("Refused events are shown with the reason")
    func refused() {
        var driver = Driver()
        driver.send(.result(.recorded([], refused: [EventError(code: "E001", message: "unknown video 'x'")])))
        #expect(driver.state.message == StatusMessage(text: "Niet opgeslagen: unknown video 'x'", kind: .error, expires: nil))
        driver.press(.down)
        #expect(driver.state.message == nil, "an error goes at the next key")
    }

    @Test("Progress read again replaces the shown progress, keeping what is not yet stored")
    func progressLoaded() {
        var driver = Driver(moduleID: "m1")
        driver.press(.end, .enter, .space)
        driver.send(.result(.recordFailed(driver.recorded, message: "busy")))
        var fromServer = LearnerProgress()
        fromServer.apply(
            ProgressEvent(at: Fixture.start, kind: .videoProgress(videoID: "v3", segments: [.init(from: 0, to: 10)], position: 10), moduleID: "m2")
        )
        driver.send(.result(.progressLoaded(fromServer)))
        #expect(driver.state.progress.checkedSteps == ["s1"])
        #expect(driver.state.completion(ofModule: "m2")?.isComplete == true)
    }

    @Test("After the outside player, the time it ran is recorded as played from where it started")
    func videoWatched() {
        var driver = Driver(moduleID: "m1")
        driver.press(.down, .character("o"))
        let request = VideoRequest(videoID: "v2", moduleID: "m1", start: 4)
        driver.send(.result(.videoClosed(request, .watched(seconds: 12.25))))
        #expect(driver.recorded.map(\.kind) == [.videoProgress(videoID: "v2", segments: [.init(from: 4, to: 16.25)], position: 16.25)])
        #expect(driver.state.message?.text == "Video bekeken van 0:04 tot 0:16; opgeslagen")
        driver.send(.result(.videoClosed(request, .watched(seconds: 100))))
        #expect(driver.recorded.last?.kind == .videoProgress(videoID: "v2", segments: [.init(from: 4, to: 30)], position: 30), "never past the end")
        driver.send(.result(.videoClosed(request, .watched(seconds: 0.3))))
        #expect(driver.recorded.count == 2, "a player that closed at once (xdg-open) records nothing")
    }

    @Test("Back on the video screen after the player, captions continue from where it stopped")
    func videoWatchedFromVideoScreen() {
        var driver = Driver(moduleID: "m1")
        driver.press(.enter)
        driver.wait(2)
        driver.press(.character("o"))
        let start = driver.position
        driver.send(.result(.videoClosed(VideoRequest(videoID: "v1", moduleID: "m1", start: start), .watched(seconds: 20))))
        #expect(isClose(driver.position, start + 20))
        #expect(driver.video?.playback.isPlaying == false)
    }

    @Test("A player that fails leaves a clear message and changes nothing")
    func videoFailed() {
        var driver = Driver(moduleID: "m1")
        driver.send(.result(.videoClosed(VideoRequest(videoID: "v1", moduleID: "m1", start: 0), .failed("De videospeler 'mpv' stopte met status 2"))))
        #expect(driver.recorded.isEmpty)
        #expect(driver.state.message?.kind == .error)
        #expect(driver.text.contains("De videospeler 'mpv' stopte met status 2"))
        #expect(driver.module != nil)
    }

    @Test("Without a player, the video screen shows where the file is and the whole transcript")
    func videoUnavailable() {
        var driver = Driver(size: TerminalSize(columns: 100, rows: 30), moduleID: "m1")
        driver.send(
            .result(
                .videoClosed(
                    VideoRequest(videoID: "v1", moduleID: "m1", start: 20),
                    .unavailable("geen videospeler gevonden; het videobestand: media/m1/v1.webm")
                )
            )
        )
        #expect(driver.video?.videoID == "v1")
        #expect(driver.video?.playback.position == 20)
        #expect(driver.video?.showsTranscript == true)
        let text = driver.text
        #expect(text.contains("het videobestand: media/m1/v1.webm"))
        #expect(text.contains("0:01  Hallo allemaal."))
    }

    @Test("An edited note is recorded (without the editor's newline); an unchanged one is not")
    func notes() {
        var driver = Driver(moduleID: "m1")
        let request = NoteRequest(stepID: "s1", moduleID: "m1", text: "")
        driver.send(.result(.noteEdited(request, text: "Dinsdag 8:15\n")))
        #expect(driver.recorded.map(\.kind) == [.noteSaved(stepID: "s1", text: "Dinsdag 8:15")])
        #expect(driver.state.progress.notes["s1"]?.text == "Dinsdag 8:15")
        #expect(driver.state.message?.text == "Notitie opgeslagen")
        driver.send(.result(.noteEdited(NoteRequest(stepID: "s1", moduleID: "m1", text: "Dinsdag 8:15"), text: "Dinsdag 8:15\n\n")))
        #expect(driver.recorded.count == 1)
        #expect(driver.state.message?.text == "Notitie ongewijzigd")
        driver.send(.result(.noteFailed(request, message: "geen editor gevonden: zet $EDITOR")))
        #expect(driver.state.message == StatusMessage(text: "geen editor gevonden: zet $EDITOR", kind: .error, expires: nil))
    }

    @Test("Information lines go away after a few seconds")
    func messageExpires() {
        var driver = Driver()
        driver.press(.character("t"))
        #expect(driver.state.message != nil)
        driver.wait(3.9, step: 1.3)
        #expect(driver.state.message != nil)
        driver.wait(0.2)
        #expect(driver.state.message == nil)
    }

    @Test("Resizing changes the size the core lays out for")
    func resize() {
        var driver = Driver()
        driver.send(.resize(TerminalSize(columns: 40, rows: 12)))
        #expect(driver.state.size == TerminalSize(columns: 40, rows: 12))
        #expect(driver.screen.size == TerminalSize(columns: 40, rows: 12))
    }
}
