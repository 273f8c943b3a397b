import AcademyContent
import AcademyProgress
import Foundation
import Testing

@testable import AcademyPlayer

@Suite("Opening the real video")
struct LauncherTests {
    let video = Fixture.library.video(id: "v1")!

    func launcher(environment: [String: String], programs: Set<String> = [], files: [String: Bool] = ["media/m1/v1.webm": true]) -> VideoLauncher {
        var launcher = VideoLauncher(mediaDirectory: "media", environment: environment)
        launcher.findExecutable = { name, _ in programs.contains(name) ? "/usr/bin/\(name)" : nil }
        launcher.isReadable = { files[$0] == true }
        launcher.exists = { files[$0] != nil }
        return launcher
    }

    @Test("$ACADEMY_PLAYER is split like $PAGER and gets --start=SECONDS and the path appended")
    func academyPlayer() {
        let plan = launcher(environment: ["ACADEMY_PLAYER": "vlc --fullscreen 'my option'"], programs: ["mpv"]).plan(for: video, start: 83.5)
        #expect(plan == .run(["vlc", "--fullscreen", "my option", "--start=83.5", "media/m1/v1.webm"]))
        let unbalanced = launcher(environment: ["ACADEMY_PLAYER": "vlc 'oops"]).plan(for: video, start: 0)
        guard case let .unavailable(message) = unbalanced else {
            Issue.record("expected unavailable")
            return
        }
        #expect(message.contains("aanhalingsteken"))
        #expect(message.contains("media/m1/v1.webm"))
    }

    @Test("Else mpv at the start time, with --vo=tct when there is no display")
    func mpv() {
        #expect(
            launcher(environment: [:], programs: ["mpv", "xdg-open"]).plan(for: video, start: 12)
                == .run(["mpv", "--start=12", "--vo=tct", "media/m1/v1.webm"])
        )
        #expect(
            launcher(environment: ["DISPLAY": ":0"], programs: ["mpv"]).plan(for: video, start: 12)
                == .run(["mpv", "--start=12", "media/m1/v1.webm"])
        )
        #expect(
            launcher(environment: ["WAYLAND_DISPLAY": "wayland-0"], programs: ["mpv"]).plan(for: video, start: 0)
                == .run(["mpv", "--start=0", "media/m1/v1.webm"])
        )
        #expect(
            launcher(environment: ["ACADEMY_PLAYER": "  "], programs: ["mpv"]).plan(for: video, start: 1)
                == .run(["mpv", "--start=1", "--vo=tct", "media/m1/v1.webm"])
        )
    }

    @Test("Else xdg-open; else the path, to show with the transcript")
    func fallbacks() {
        #expect(launcher(environment: [:], programs: ["xdg-open"]).plan(for: video, start: 12) == .run(["xdg-open", "media/m1/v1.webm"]))
        guard case let .unavailable(message) = launcher(environment: [:]).plan(for: video, start: 0) else {
            Issue.record("expected unavailable")
            return
        }
        #expect(message == "geen videospeler gevonden (installeer mpv of zet ACADEMY_PLAYER); het videobestand: media/m1/v1.webm")
    }

    @Test("The first readable source is used; missing and unreadable files say what to do")
    func files() {
        #expect(
            launcher(environment: [:], programs: ["mpv"], files: ["media/m1/v1.mp4": true]).plan(for: video, start: 0)
                == .run(["mpv", "--start=0", "--vo=tct", "media/m1/v1.mp4"])
        )
        #expect(
            launcher(environment: [:], programs: ["mpv"], files: ["media/m1/v1.webm": false, "media/m1/v1.mp4": true]).plan(for: video, start: 0)
                == .run(["mpv", "--start=0", "--vo=tct", "media/m1/v1.mp4"])
        )
        #expect(
            launcher(environment: [:], programs: ["mpv"], files: ["media/m1/v1.webm": false]).plan(for: video, start: 0)
                == .unavailable("het videobestand media/m1/v1.webm is niet leesbaar: controleer de rechten (chmod a+r)")
        )
        #expect(
            launcher(environment: [:], programs: ["mpv"], files: [:]).plan(for: video, start: 0)
                == .unavailable("geen videobestand in media/m1/ (v1.webm of v1.mp4): geef de map met video's op met --media DIR")
        )
    }

    @Test("The media directory defaults to media/ beside the content folder")
    func mediaDirectory() {
        #expect(VideoLauncher.defaultMediaDirectory(contentRoot: "Modules") == "media")
        #expect(VideoLauncher.defaultMediaDirectory(contentRoot: "Modules/") == "media")
        #expect(VideoLauncher.defaultMediaDirectory(contentRoot: "/srv/academy/Modules") == "/srv/academy/media")
        #expect(VideoLauncher.defaultMediaDirectory(contentRoot: "../content/Modules") == "../content/media")
        #expect(VideoLauncher.defaultMediaDirectory(contentRoot: "/Modules") == "/media")
    }

    @Test("Seconds are written as players read them")
    func seconds() {
        #expect(VideoLauncher.seconds(0) == "0")
        #expect(VideoLauncher.seconds(83) == "83")
        #expect(VideoLauncher.seconds(83.5) == "83.5")
        #expect(VideoLauncher.seconds(96.269) == "96.269")
        #expect(VideoLauncher.seconds(1.0004) == "1")
        #expect(VideoLauncher.seconds(-3) == "0")
    }

    @Test("--at reads seconds, m:ss and h:mm:ss")
    func startTimes() {
        #expect(WatchCommand.seconds("83") == 83)
        #expect(WatchCommand.seconds("83.5") == 83.5)
        #expect(WatchCommand.seconds("1:23") == 83)
        #expect(WatchCommand.seconds("1:02:03") == 3723)
        #expect(WatchCommand.seconds("1:75") == nil)
        #expect(WatchCommand.seconds("-1") == nil)
        #expect(WatchCommand.seconds("abc") == nil)
        #expect(WatchCommand.seconds("1.5:00") == nil)
        #expect(WatchCommand.seconds("1:2:3:4") == nil)
    }

    @Test("Command words: spaces, quotes and backslashes as a shell would, without a shell")
    func words() {
        #expect(CommandWords.split("mpv") == ["mpv"])
        #expect(CommandWords.split("  mpv   --fs  ") == ["mpv", "--fs"])
        #expect(CommandWords.split("'/opt/My Player/play' \"a b\" c\\ d") == ["/opt/My Player/play", "a b", "c d"])
        #expect(CommandWords.split("echo ''") == ["echo", ""])
        #expect(CommandWords.split("a 'b\"c' \"d'e\"") == ["a", "b\"c", "d'e"])
        #expect(CommandWords.split("x; rm -rf /") == ["x;", "rm", "-rf", "/"], "no shell: a semicolon is just a character")
        #expect(CommandWords.split("'open") == nil)
        #expect(CommandWords.split("end\\") == nil)
        #expect(CommandWords.split("") == [])
    }
}
