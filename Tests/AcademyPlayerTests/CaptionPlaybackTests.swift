import AcademyProgress
import Testing

@testable import AcademyPlayer

@Suite("Caption playback")
struct CaptionPlaybackTests {
    @Test("Playing advances with the clock and the speed; paused, it does not")
    func advance() {
        var playback = CaptionPlayback(duration: 100, position: 10, isPlaying: true, now: 50)
        playback.advance(to: 52)
        #expect(playback.position == 12)
        playback.changeSpeed(by: 4, now: 52)
        #expect(playback.speed == 2)
        playback.advance(to: 53)
        #expect(playback.position == 14)
        playback.pause(now: 53)
        playback.advance(to: 60)
        #expect(playback.position == 14)
        #expect(playback.takeUnrecorded(now: 60) == [.init(from: 10, to: 14)])
        #expect(playback.takeUnrecorded(now: 61) == nil)
    }

    @Test("A clock that goes backwards moves nothing")
    func backwardsClock() {
        var playback = CaptionPlayback(duration: 100, position: 0, isPlaying: true, now: 50)
        playback.advance(to: 40)
        #expect(playback.position == 0)
        playback.advance(to: 51)
        #expect(playback.position == 1)
    }

    @Test("Seeking keeps what played before and starts a new segment")
    func seeking() {
        var playback = CaptionPlayback(duration: 100, position: 0, isPlaying: true, now: 0)
        playback.seek(to: 50, now: 5)
        playback.seek(to: -10, now: 7)
        #expect(playback.position == 0)
        playback.seek(to: 500, now: 7)
        #expect(playback.position == 100)
        #expect(!playback.isPlaying)
        #expect(playback.takeUnrecorded(now: 8) == [.init(from: 0, to: 5), .init(from: 50, to: 52)])
    }

    @Test("It is due for recording after 10 seconds, only when something played")
    func recordDue() {
        var playback = CaptionPlayback(duration: 100, position: 0, isPlaying: false, now: 0)
        #expect(!playback.isRecordDue(now: 20))
        playback.play(now: 20)
        playback.advance(to: 25)
        #expect(playback.isRecordDue(now: 25))
        _ = playback.takeUnrecorded(now: 25)
        #expect(!playback.isRecordDue(now: 34))
        playback.advance(to: 35)
        #expect(playback.isRecordDue(now: 35))
    }

    @Test("Speeds step through 0.5 to 2 and stop at the ends")
    func speeds() {
        var playback = CaptionPlayback(duration: 10, position: 0, isPlaying: false, now: 0)
        var seen: [Double] = []
        for _ in 0..<8 {
            playback.changeSpeed(by: 1, now: 0)
            seen.append(playback.speed)
        }
        #expect(seen == [1.25, 1.5, 1.75, 2, 2, 2, 2, 2])
        for _ in 0..<8 { playback.changeSpeed(by: -1, now: 0) }
        #expect(playback.speed == 0.5)
    }

    @Test("A video without length never plays")
    func empty() {
        var playback = CaptionPlayback(duration: 0, position: 5, isPlaying: true, now: 0)
        #expect(!playback.isPlaying)
        playback.play(now: 1)
        #expect(!playback.isPlaying)
        #expect(playback.takeUnrecorded(now: 2) == nil)
    }
}
