import AcademyContent
import AcademyXML
import Foundation
import Testing

/// How the validator finds a track's file from its `src`: the folders on the way are checked for
/// links out of the content tree once per module, the file itself whenever it is a link.
@Suite("Captions and chapters paths")
struct CaptionTrackPathTests {
    /// A copy of the valid fixture tree whose first module names `captions` and `chapters` as its tracks' `src`.
    private func tree(captions: String, chapters: String, in directory: URL) throws -> String {
        try Fixtures.validTree(in: directory) { text in
            text.replacingOccurrences(of: "src=\"captions/een-video.nl.vtt\"", with: "src=\"\(captions)\"")
                .replacingOccurrences(of: "src=\"chapters/een-video.nl.vtt\"", with: "src=\"\(chapters)\"")
        }
    }

    @Test("A folder that links out of the tree is reported once, at the first track that passes through it")
    func linkedFolderReportedOnce() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outside = directory.appendingPathComponent("outside").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let valid = Fixtures.tree("valid") + "/01-een"
        try FileManager.default.copyItem(atPath: valid + "/captions/een-video.nl.vtt", toPath: outside + "/captions.vtt")
        try FileManager.default.copyItem(atPath: valid + "/chapters/een-video.nl.vtt", toPath: outside + "/chapters.vtt")
        let root = try tree(captions: "gedeeld/captions.vtt", chapters: "gedeeld/chapters.vtt", in: directory)
        try FileManager.default.createSymbolicLink(atPath: root + "/01-een/gedeeld", withDestinationPath: outside)

        let report = await ContentValidator.validate(path: root)
        #expect(report.diagnostics.map(\.code) == ["C016"], "\(report.diagnostics.map(\.description))")
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.location.file == root + "/01-een/module.xml")
        #expect(diagnostic.location.line == 18)
        #expect(diagnostic.message.hasPrefix("\(root)/01-een/gedeeld is a symbolic link to "))
    }

    @Test("A file that links out of the tree is reported; a link to a file inside the tree is read")
    func linkedFiles() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outside = directory.appendingPathComponent("outside.vtt").path
        try FileManager.default.copyItem(atPath: Fixtures.tree("valid") + "/01-een/captions/een-video.nl.vtt", toPath: outside)
        let root = try tree(captions: "captions/buiten.vtt", chapters: "chapters/binnen.vtt", in: directory)
        try FileManager.default.createSymbolicLink(atPath: root + "/01-een/captions/buiten.vtt", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: root + "/01-een/chapters/binnen.vtt", withDestinationPath: "een-video.nl.vtt")

        let report = await ContentValidator.validate(path: root)
        #expect(report.diagnostics.map(\.code) == ["C016"], "\(report.diagnostics.map(\.description))")
        #expect(report.diagnostics.first?.location.line == 18)
        #expect(report.diagnostics.first?.message.hasPrefix("\(root)/01-een/captions/buiten.vtt is a symbolic link to ") == true)
    }

    @Test("A doubled slash in src is refused by the schema, and the file is still read through it")
    func doubledSlash() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = try tree(captions: "captions//een-video.nl.vtt", chapters: "chapters/ontbreekt.vtt", in: directory)

        let report = await ContentValidator.validate(path: root)
        #expect(report.diagnostics.map(\.code) == ["S001", "F001"], "\(report.diagnostics.map(\.description))")
        #expect(report.diagnostics.map(\.location.line) == [18, 19])
        #expect(
            report.diagnostics.last?.message
                == "chapters file 'chapters/ontbreekt.vtt' not found (looked for \(root)/01-een/chapters/ontbreekt.vtt): create it, or correct src"
        )
    }

    @Test("An absolute src is refused by the schema and looked for under the module folder, never at the root")
    func absoluteSource() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // /etc/hostname exists on every Linux machine; it must not be read as the captions file.
        let root = try tree(captions: "/etc/hostname", chapters: "chapters/een-video.nl.vtt", in: directory)

        let report = await ContentValidator.validate(path: root)
        #expect(report.diagnostics.map(\.code) == ["S001", "F001"], "\(report.diagnostics.map(\.description))")
        #expect(report.diagnostics.last?.message.contains("looked for \(root)/01-een//etc/hostname") == true)
    }
}
