import AcademyContent
import AcademyProgress
import Foundation
import Testing

@testable import AcademyPlayer

@Suite("Sending to the server, as the screen shows it")
struct SyncScreenTests {
    /// On the step plan of module m1, in remote mode.
    func remote() -> Driver {
        var driver = Driver(moduleID: "m1")
        driver.send(.result(.synchronized(SyncStatus(isRemote: true))))
        driver.press(.end, .enter)
        _ = driver.takeEffects()
        return driver
    }

    @Test("In remote mode every record is followed by sending; locally nothing is sent")
    func sendsAfterRecord() {
        var driver = remote()
        driver.press(.space)
        let effects = driver.takeEffects()
        #expect(effects.count == 2)
        #expect(effects.last == .synchronize)
        var local = Driver(moduleID: "m1")
        local.press(.end, .enter)
        _ = local.takeEffects()
        local.press(.space)
        #expect(!local.takeEffects().contains(.synchronize))
    }

    @Test("The footer says how many events wait, and why; sending is tried again every 5 seconds")
    func waiting() {
        var driver = remote()
        driver.press(.space)
        _ = driver.takeEffects()
        driver.send(.result(.synchronized(SyncStatus(isRemote: true, waiting: 3, problem: "server onbereikbaar"))))
        let footer = driver.screen.line(driver.state.size.rows - 1)
        #expect(footer.hasSuffix("3 wachten op de server (server onbereikbaar)"))
        #expect(driver.style(of: "3 wachten")?.foreground == .yellow)
        driver.wait(4.8)
        #expect(!driver.takeEffects().contains(.synchronize))
        driver.wait(0.3)
        #expect(driver.takeEffects() == [.synchronize])
        driver.send(.result(.synchronized(SyncStatus(isRemote: true, waiting: 1))))
        #expect(driver.text.contains("1 wacht op de server"))
        driver.send(.result(.synchronized(SyncStatus(isRemote: true, waiting: 0))))
        #expect(!driver.text.contains("op de server"))
        driver.wait(10)
        #expect(driver.takeEffects().isEmpty)
    }

    @Test("Refused events are said out loud with where they are kept, and progress is read again")
    func refused() {
        var driver = remote()
        let event = ProgressEvent(kind: .stepChecked(stepID: "s1"), moduleID: "m1")
        let status = SyncStatus(
            isRemote: true,
            refused: [RefusedEvent(event: event, error: EventError(code: "E002", message: "unknown step 's1'"))],
            refusedFile: "/state/queue-x.refused"
        )
        driver.send(.result(.synchronized(status)))
        #expect(driver.state.message?.text == "De server weigerde 1 gebeurtenis: unknown step 's1'; bewaard in /state/queue-x.refused")
        #expect(driver.state.message?.kind == .error)
        #expect(driver.takeEffects() == [.reloadProgress])
    }
}

@Suite("Opening a video from a server")
struct RemoteLauncherTests {
    let video = Video(
        id: "v1",
        moduleID: "m1",
        duration: MediaDuration(seconds: 60),
        title: LocalizedText("V"),
        summary: LocalizedText("S"),
        sources: [MediaSource(src: "/media/m1/v1.webm", type: "video/webm")]
    )

    func launcher(_ environment: [String: String], programs: Set<String> = []) throws -> VideoLauncher {
        var launcher = VideoLauncher(
            remote: RemoteMedia(server: try ServerAddress("school.example:8080"), token: "ak_secret"),
            environment: environment
        )
        launcher.findExecutable = { name, _ in programs.contains(name) ? "/usr/bin/\(name)" : nil }
        return launcher
    }

    @Test("mpv gets the media URL and the token in an Authorization header; the shown command line hides the token")
    func mpv() throws {
        let plan = try launcher([:], programs: ["mpv", "xdg-open"]).plan(for: video, start: 12)
        let arguments = [
            "mpv", "--start=12", "--http-header-fields=Authorization: Bearer ak_secret", "--vo=tct", "http://school.example:8080/media/m1/v1.webm",
        ]
        #expect(plan == .run(arguments))
        #expect(!VideoLauncher.displayed(arguments).contains("ak_secret"))
        #expect(VideoLauncher.displayed(arguments).contains("Authorization: Bearer …"))
    }

    @Test("$ACADEMY_PLAYER gets the URL, and the token in its $ACADEMY_TOKEN")
    func academyPlayer() throws {
        let launcher = try launcher(["ACADEMY_PLAYER": "vlc"], programs: ["mpv"])
        #expect(launcher.plan(for: video, start: 1.5) == .run(["vlc", "--start=1.5", "http://school.example:8080/media/m1/v1.webm"]))
        #expect(launcher.childEnvironment(["PATH": "/bin"]) == ["PATH": "/bin", "ACADEMY_TOKEN": "ak_secret"])
    }

    @Test("xdg-open gets just the URL; without any player the URL is shown")
    func others() throws {
        #expect(
            try launcher([:], programs: ["xdg-open"]).plan(for: video, start: 0) == .run(["xdg-open", "http://school.example:8080/media/m1/v1.webm"])
        )
        guard case let .unavailable(message) = try launcher([:]).plan(for: video, start: 0) else {
            Issue.record("expected unavailable")
            return
        }
        #expect(message.contains("http://school.example:8080/media/m1/v1.webm"))
        #expect(message.contains("installeer mpv"))
    }
}
