import AcademyContent
import AcademyProgress
import Foundation
import Testing

@testable import AcademyPlayer

@Suite("The video screen and caption playback")
struct VideoScreenTests {
    /// On video v1 of module m1, its captions playing from the start.
    func onVideo(progress: LearnerProgress = LearnerProgress(), size: TerminalSize = TerminalSize(columns: 80, rows: 24)) -> Driver {
        var driver = Driver(progress: progress, size: size, moduleID: "m1")
        driver.press(.enter)
        _ = driver.takeEffects()
        return driver
    }

    @Test("Shows the title, summary, chapters and a position bar; cues appear as time passes")
    func cuesInTime() {
        var driver = onVideo()
        var text = driver.text
        #expect(text.contains("1 Eerste module › Waarom samen leren?"))
        #expect(text.contains("Wat een team wint"))
        #expect(text.contains("▸ 1 Begin"))
        #expect(text.contains("▶ 0:00"))
        #expect(!text.contains("Hallo allemaal."))
        driver.wait(1.5)
        text = driver.text
        #expect(text.contains("Hallo allemaal."))
        #expect(!text.contains("Dit is de tweede zin,"))
        driver.wait(3)
        text = driver.text
        #expect(text.contains("Dit is de tweede zin,"))
        #expect(text.contains("over twee regels."))
        #expect(text.contains("Hallo allemaal."), "earlier captions stay above, dimmed")
        #expect(text.contains("▶ 0:04"))
        #expect(driver.style(of: "Dit is de tweede zin,")?.isBold == true, "the cue being spoken is bold")
        #expect(driver.style(of: "Hallo allemaal.")?.isDim == true, "the one before is dim")
    }

    @Test("Space pauses and plays; paused, time does not move; the pause records what played")
    func pause() {
        var driver = onVideo()
        driver.wait(3)
        driver.press(.space)
        #expect(driver.video?.playback.isPlaying == false)
        #expect(driver.text.contains("‖ 0:03"))
        #expect(driver.recorded.map(\.kind) == [.videoProgress(videoID: "v1", segments: [.init(from: 0, to: 3)], position: 3)])
        driver.wait(5)
        #expect(isClose(driver.position, 3))
        driver.press(.space)
        #expect(driver.video?.playback.isPlaying == true)
        driver.wait(1)
        #expect(isClose(driver.position, 4))
    }

    @Test("← and → jump 10 seconds, within the video; Home and 0 go to the start")
    func seek() {
        var driver = onVideo()
        driver.press(.space)
        driver.press(.right)
        #expect(driver.video?.playback.position == 10)
        driver.press(.right, .right, .right, .right, .right, .right)
        #expect(driver.video?.playback.position == 60)
        driver.press(.left)
        #expect(driver.video?.playback.position == 50)
        driver.press(.home)
        #expect(driver.video?.playback.position == 0)
        driver.press(.right, .right, .left, .left, .left)
        #expect(driver.video?.playback.position == 0)
        driver.press(.right, .character("0"))
        #expect(driver.video?.playback.position == 0)
        #expect(driver.recorded.isEmpty, "seeking plays nothing")
    }

    @Test("[ and ] go to the previous and next chapter")
    func chapters() {
        var driver = onVideo()
        driver.press(.character("]"))
        #expect(driver.video?.playback.position == 30)
        #expect(driver.text.contains("▸ 2 Einde"))
        driver.press(.character("]"))
        #expect(driver.video?.playback.position == 30)
        #expect(driver.state.message?.text == "Dit is het laatste hoofdstuk")
        driver.wait(5)
        driver.press(.character("["))
        #expect(driver.video?.playback.position == 30, "more than 3 s into a chapter: back to its start")
        driver.press(.character("["))
        #expect(driver.video?.playback.position == 0)

        var plain = Driver(moduleID: "m1")
        plain.press(.down, .enter, .character("]"))
        #expect(plain.state.message?.text == "Deze video heeft geen hoofdstukken")
    }

    @Test("+ and - change the speed in steps from 0.5x to 2x; time is media time")
    func speed() {
        var driver = onVideo()
        driver.press(.character("+"))
        #expect(driver.video?.playback.speed == 1.25)
        #expect(driver.text.contains("1,25×"))
        driver.press(.character("+"), .character("+"), .character("+"), .character("+"), .character("="))
        #expect(driver.video?.playback.speed == 2)
        driver.wait(2)
        #expect(isClose(driver.position, 4))
        for _ in 0..<10 { driver.press(.character("-")) }
        #expect(driver.video?.playback.speed == 0.5)
        driver.press(.character("_"))
        #expect(driver.video?.playback.speed == 0.5)
        #expect(driver.text.contains("0,5×"))
    }

    @Test("Played time is recorded every 10 seconds and on leaving, as segments from where it played")
    func recording() {
        var driver = onVideo()
        driver.wait(9.5)
        #expect(driver.recorded.isEmpty)
        driver.wait(1)
        #expect(driver.recorded.count == 1)
        #expect(driver.recorded[0].kind.videoSegments?.video == "v1")
        driver.press(.right)
        driver.wait(2)
        driver.press(.character("q"))
        #expect(driver.module != nil)
        let segments = driver.recorded.compactMap(\.kind.videoSegments).flatMap(\.segments)
        let played = TimeSegments(segments)
        #expect(played.segments.count == 2, "the part before the jump and the part after")
        #expect(isClose(played.covered, 12.5))
        #expect(isClose(played.segments[1].from, 20.5))
        let position = driver.recorded.last?.kind.videoSegments?.position ?? 0
        #expect(isClose(position, 22.5))
        #expect(driver.state.progress.videos["v1"]?.position == position, "the progress shown has it at once")
    }

    @Test("At the end, playback stops and what played is recorded; the video counts as watched")
    func end() {
        var driver = onVideo()
        driver.press(.character("+"), .character("+"), .character("+"), .character("+"))
        driver.wait(31)
        #expect(driver.video?.playback.isPlaying == false)
        #expect(driver.video?.playback.position == 60)
        #expect(driver.state.message?.text == "Einde van de video")
        let covered = TimeSegments(driver.recorded.compactMap(\.kind.videoSegments).flatMap(\.segments)).covered
        #expect(isClose(covered, 60))
        #expect(driver.state.completion(ofModule: "m1")?.videos.first?.isComplete == true)
        #expect(driver.text.contains("✓ bekeken"))
        driver.press(.space)
        #expect(driver.video?.playback.position == 0, "play at the end starts again")
    }

    @Test("t shows the whole transcript with times, the spoken caption highlighted")
    func transcript() {
        var driver = onVideo()
        driver.wait(5)
        driver.press(.character("t"))
        let text = driver.text
        #expect(text.contains("transcript (t)"))
        #expect(text.contains("0:01  Hallo allemaal."))
        #expect(text.contains("0:20  Het derde stuk."), "later captions are in the transcript too")
        driver.press(.character("t"))
        #expect(!driver.text.contains("0:20  Het derde stuk."))
    }

    @Test("o pauses, records, and opens the real video from the position")
    func openInPlayer() {
        var driver = onVideo()
        driver.wait(4)
        driver.press(.character("o"))
        #expect(driver.video?.playback.isPlaying == false)
        #expect(driver.recorded.count == 1)
        #expect(driver.effects.last == .openVideo(VideoRequest(videoID: "v1", moduleID: "m1", start: driver.video!.playback.position)))
    }

    @Test("Captions resume where the learner was; watched to the end, they start again")
    func resume() {
        var progress = LearnerProgress()
        progress.apply(
            ProgressEvent(at: Fixture.start, kind: .videoProgress(videoID: "v1", segments: [.init(from: 0, to: 21)], position: 21), moduleID: "m1")
        )
        #expect(onVideo(progress: progress).video?.playback.position == 21)
        progress.apply(
            ProgressEvent(
                at: Fixture.start.addingTimeInterval(1),
                kind: .videoProgress(videoID: "v1", segments: [.init(from: 21, to: 60)], position: 60),
                moduleID: "m1"
            )
        )
        #expect(onVideo(progress: progress).video?.playback.position == 0)
    }

    @Test("Ctrl-Z pauses and records before the backend suspends")
    func suspend() {
        var driver = onVideo()
        driver.wait(2)
        driver.press(.control("z"))
        #expect(driver.effects.last == .suspend)
        #expect(driver.recorded.count == 1)
        #expect(driver.video?.playback.isPlaying == false)
    }

    @Test("? lists every key of the video screen; playback goes on")
    func help() {
        var driver = onVideo(size: TerminalSize(columns: 100, rows: 30))
        driver.press(.character("?"))
        let text = driver.text
        #expect(text.contains("Toetsen: video"))
        for entry in HelpText.entries(for: driver.state.route) { #expect(text.contains(entry.keys)) }
        driver.press(.space)
        #expect(driver.video?.playback.isPlaying == true, "the key that closes the help does not pause")
    }
}
