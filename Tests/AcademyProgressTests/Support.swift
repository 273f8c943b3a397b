import AcademyContent
import AcademyProgress
import Foundation

/// Shared helpers: temporary data directories, the bundled content, events.
enum Support {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("academy-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func library() async throws -> ContentLibrary {
        try await ContentLibrary.load(from: repository.appendingPathComponent("Modules").path)
    }

    static func learner(_ id: String, team: String = "onderbouw", role: Role = .leraar) -> Learner {
        Learner(id: id, displayName: id.capitalized, team: team, role: role)
    }

    static func watched(_ video: String, module: String, _ from: Double, _ to: Double, at: Date = Date(), id: UUID = UUID()) -> ProgressEvent {
        ProgressEvent(id: id, at: at, kind: .videoProgress(videoID: video, segments: [.init(from: from, to: to)], position: to), moduleID: module)
    }

    static func checked(_ step: String, module: String, at: Date = Date(), id: UUID = UUID()) -> ProgressEvent {
        ProgressEvent(id: id, at: at, kind: .stepChecked(stepID: step), moduleID: module)
    }

    /// Whether python3 with the jsonschema package is installed.
    static let hasJSONSchema: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import jsonschema"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// The path of the built `academy` binary (build it first: `swift build`).
    static var academyBinary: String {
        repository.appendingPathComponent(".build/debug/academy").path
    }
}
