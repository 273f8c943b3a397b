import AcademyContent
import AcademyXML
import Foundation
import Testing

/// What the academy's own content holds (issue: "The academy's content").
@Suite("The bundled academy content")
struct BundledContentTests {
    static let modulesPath = Fixtures.repository.appendingPathComponent("Modules").path

    static func library() async throws -> ContentLibrary {
        try await ContentLibrary.load(from: modulesPath)
    }

    @Test("It passes validate --strict: no errors, no warnings")
    func strictlyValid() async {
        let report = await ContentValidator.validate(path: Self.modulesPath)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.prefix(5).map(\.description))")
        #expect(report.passes(strict: true))
    }

    @Test("20 modules, 100 videos, 100 caption files; every module in the catalog and in a track; every instrument taught")
    func counts() async throws {
        let library = try await Self.library()
        #expect(library.modules.count == 20)
        #expect(library.videoCount == 100)
        #expect(library.modules.allSatisfy { $0.videos.count == 5 })
        let captionFiles = library.modules.flatMap { module in module.videos.flatMap { $0.captions.map { "\(module.folder)/\($0.src)" } } }
        #expect(Set(captionFiles).count == 100)
        for file in captionFiles {
            #expect(FileManager.default.fileExists(atPath: "\(Self.modulesPath)/\(file)"), "\(file)")
        }
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.modulesPath).filter { !$0.hasSuffix(".xml") }
        #expect(Set(folders) == Set(library.academy.moduleEntries.map(\.folder)))
        let inTracks = Set(library.academy.tracks.flatMap(\.moduleIDs))
        #expect(library.modules.allSatisfy { inTracks.contains($0.id) })
        let taught = Set(library.modules.flatMap(\.instrumentIDs))
        #expect(Set(library.academy.instruments.map(\.id)) == ["bordsessie", "gezamenlijk-lesontwerp", "lesbezoek", "stem-van-de-leerling"])
        #expect(library.academy.instruments.allSatisfy { taught.contains($0.id) })
        #expect(library.academy.coreValues.count == 4)
    }

    @Test("Tracks per role (leraar, schoolcoach, schoolleider) and per school type (PO, VO, MBO)")
    func tracks() async throws {
        let library = try await Self.library()
        #expect(Set(library.academy.tracks.compactMap(\.role)) == [.leraar, .schoolcoach, .schoolleider])
        #expect(Set(library.academy.tracks.compactMap(\.schoolType)) == [.po, .vo, .mbo])
    }

    @Test("Videos of 1.5 to 4 minutes, captions at 120 to 150 words a minute, chapters for every video over 2 minutes")
    func videos() async throws {
        let library = try await Self.library()
        for video in library.modules.flatMap(\.videos) {
            #expect((90_000...240_000).contains(video.duration.milliseconds), "\(video.id) lasts \(video.duration)")
            let words = video.captions(in: "nl")?.cues.reduce(0) { $0 + $1.plainText.split(whereSeparator: \.isWhitespace).count } ?? 0
            let rate = Double(words) / (video.duration.seconds / 60)
            #expect((120...150).contains(rate), "\(video.id): \(Int(rate)) words a minute")
            if video.duration.milliseconds > 120_000 {
                #expect(video.chapters(in: "nl")?.cues.isEmpty == false, "\(video.id) needs chapters")
            }
        }
    }

    @Test("Step plans: 1 or 2 per module, 5 to 10 steps, each with a role, minutes and a video moment")
    func stepPlans() async throws {
        let library = try await Self.library()
        for module in library.modules {
            #expect((1...2).contains(module.stepPlans.count), "\(module.id)")
            for plan in module.stepPlans {
                #expect((5...10).contains(plan.steps.count), "\(plan.id) has \(plan.steps.count) steps")
                #expect(plan.title["en"] != nil)
                for step in plan.steps {
                    #expect(step.minutes > 0)
                    #expect(!step.body.text.isEmpty)
                    #expect(!step.videoMoments.isEmpty, "\(step.id) names no video moment")
                }
            }
        }
    }

    /// The brochure's facts, in the modules where they belong; `|` separates ways of saying one fact.
    @Test(
        "The brochure's facts appear where they belong",
        arguments: [
            ("starten-met-je-team", ["6 tot 10|zes tot tien", "6 tot 8 weken|zes tot acht weken"]),
            ("ambitie-en-ritmiek", ["6 tot 10|zes tot tien"]),
            ("leerlinggerelateerde-doelen", ["6 tot 8 weken|zes tot acht weken", "zes tot acht leraren|6 tot 8 leraren"]),
            ("tijd-vrijmaken", ["twee uur", "rooster", "helft"]),
            ("de-schoolcoach", ["0,2", "0,6", "12 in het PO", "16 in het", "26 in het VO"]),
            ("uitbouwen-en-verankeren", ["één tot twee jaar", "regio"]),
            ("wat-is-leerkracht", ["LEAN", "voor de leerling", "vertrouwen in de leraren", "duurzame verandering"]),
        ]
    )
    func facts(module id: String, phrases: [String]) async throws {
        let library = try await Self.library()
        let module = try #require(library.module(id: id))
        let transcript = module.videos.flatMap { $0.captions(in: "nl")?.cues ?? [] }.map(\.plainText).joined(separator: " ")
            .replacingOccurrences(of: "\n", with: " ")
        for phrase in phrases {
            let says = phrase.split(separator: "|").contains { transcript.localizedCaseInsensitiveContains($0) }
            #expect(says, "\(id) does not say '\(phrase)'")
        }
    }

    @Test("Lookups by id find modules, videos, step plans and steps")
    func lookups() async throws {
        let library = try await Self.library()
        #expect(library.module(id: "bordsessie-opbouw")?.number == 5)
        #expect(library.video(id: "bordsessie-waarom")?.moduleID == "bordsessie-opbouw")
        #expect(library.module(containing: "bordsessie-waarom")?.id == "bordsessie-opbouw")
        let plan = try #require(library.modules[4].stepPlans.first)
        #expect(library.stepPlan(id: plan.id)?.id == plan.id)
        #expect(library.step(id: plan.steps[0].id)?.id == plan.steps[0].id)
        #expect(library.module(id: "bestaat-niet") == nil)
        #expect(library.track(id: "leraar")?.moduleIDs.first == "wat-is-leerkracht")
    }
}
