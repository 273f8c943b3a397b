import Foundation

/// Paths of the fixtures beside the tests.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func file(_ name: String) -> String { directory.appendingPathComponent("files/\(name)").path }
    static func tree(_ name: String) -> String { directory.appendingPathComponent("trees/\(name)").path }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("academy-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of the valid fixture tree in `directory`, with its first module's manifest rewritten
    /// by `edit`; returns the copy's root.
    static func validTree(in directory: URL, editingFirstManifest edit: (String) -> String) throws -> String {
        let root = directory.appendingPathComponent("tree").path
        try FileManager.default.copyItem(atPath: tree("valid"), toPath: root)
        let manifest = root + "/01-een/module.xml"
        try edit(String(contentsOfFile: manifest, encoding: .utf8)).write(toFile: manifest, atomically: true, encoding: .utf8)
        return root
    }

    /// The path of an executable on PATH.
    static func executable(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
