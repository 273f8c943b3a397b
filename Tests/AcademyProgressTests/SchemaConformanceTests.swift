import AcademyContent
import AcademyProgress
import Foundation
import Testing

/// Every file the store writes matches Schemas/*.schema.json, checked by a real validator.
@Suite(
    "Store files match their JSON Schemas",
    .enabled(if: Support.hasJSONSchema, "needs python3 with jsonschema (pip install jsonschema)")
)
struct SchemaConformanceTests {

    @Test("learners.json, snapshots, the journal and histories validate")
    func everyFile() async throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let library = try await Support.library()
        let store = try await JSONFileProgressStore(directory: directory)
        let service = ProgressService(library: library, store: store)
        var anna = Support.learner("anna")
        anna.tokens = [TokenRecord(hash: AccessToken.hash(AccessToken.generate()))]
        anna.passwordHash = PasswordHasher.hash("een lang wachtwoord", cost: 4)
        try await store.add(anna)
        try await store.add(Support.learner("bert", role: .schoolcoach))
        let module = try #require(library.module(id: "bordsessie-opbouw"))
        let step = try #require(module.stepPlans.first?.steps.first)
        let events: [ProgressEvent] = [
            ProgressEvent(kind: .moduleStarted, moduleID: module.id),
            ProgressEvent(kind: .videoProgress(videoID: module.videos[0].id, segments: [.init(from: 0, to: 12.5)], position: 12.5)),
            ProgressEvent(kind: .stepChecked(stepID: step.id)),
            ProgressEvent(kind: .stepUnchecked(stepID: step.id)),
            ProgressEvent(kind: .noteSaved(stepID: step.id, text: "Bord hangt in de teamkamer.")),
            ProgressEvent(kind: .progressReset, moduleID: "wat-is-leerkracht"),
        ]
        #expect(try await service.record(events, for: "anna").allSatisfy { $0 == .stored })
        try await store.compact()
        _ = try await service.record([ProgressEvent(kind: .stepChecked(stepID: step.id))], for: "bert")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Support.repository.appendingPathComponent("Scripts/check-data").path, directory]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(report)")
        #expect(report.contains("4 files checked, 0 problems"), "\(report)")
    }
}
