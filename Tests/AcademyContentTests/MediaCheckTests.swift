import AcademyContent
import AcademyXML
import Foundation
import Testing

/// `--media`: every media file present, and as long as declared (by ffprobe).
@Suite("Media checks", .enabled(if: Fixtures.executable("ffmpeg") != nil && Fixtures.executable("ffprobe") != nil, "needs ffmpeg"))
struct MediaCheckTests {
    /// Writes a silent video of `seconds` to `path`.
    static func makeVideo(_ path: String, seconds: Double) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.executable("ffmpeg")!)
        let codecs = path.hasSuffix(".webm") ? ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-c:a", "libopus"] : ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"]
        process.arguments = [
            "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=black:s=64x36:d=\(seconds)", "-f", "lavfi", "-i",
            "anullsrc=r=48000:cl=mono", "-t", "\(seconds)",
        ] + codecs + [path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("Missing files are M001 at their element; a wrong length is M002; an unreadable file is M003")
    func mediaProblems() async throws {
        let media = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: media) }
        let folder = media.appendingPathComponent("module-een")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // een-video declares PT15S: a 15 s mp4 passes, a 5 s webm does not, the poster is garbage-free JPEG bytes.
        try Self.makeVideo(folder.appendingPathComponent("een-video.mp4").path, seconds: 15)
        try Self.makeVideo(folder.appendingPathComponent("een-video.webm").path, seconds: 5)
        try Data([0xFF, 0xD8, 0xFF, 0xD9]).write(to: folder.appendingPathComponent("een-video.jpg"))

        let options = ContentLoadOptions(mediaDirectory: media.path)
        let report = await ContentValidator.validate(path: Fixtures.tree("valid") + "/01-een/module.xml", options: options)
        #expect(report.diagnostics.map(\.code) == ["M002"], "\(report.diagnostics)")
        #expect(report.diagnostics.first?.location.line == 10)

        try Data("not a video".utf8).write(to: folder.appendingPathComponent("een-video.webm"))
        let garbage = await ContentValidator.validate(path: Fixtures.tree("valid") + "/01-een/module.xml", options: options)
        #expect(garbage.diagnostics.map(\.code) == ["M003"])
        #expect(garbage.diagnostics.first?.location.line == 15)

        try FileManager.default.removeItem(at: folder.appendingPathComponent("een-video.webm"))
        let missing = await ContentValidator.validate(path: Fixtures.tree("valid") + "/01-een/module.xml", options: options)
        #expect(missing.diagnostics.map(\.code) == ["M001"])
        #expect(missing.diagnostics.first?.location.line == 15)
        #expect(missing.diagnostics.first?.message.contains("make-sample-media") == true)
    }
}
