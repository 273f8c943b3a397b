import AcademyContent
import Foundation
import Testing

@testable import AcademyPlayer

@Suite("The content cache", .serialized)
struct ContentCacheTests {
    /// A copy of the bundled content in a temporary directory, and a cache directory beside it.
    func workspace() throws -> (content: String, cache: ContentCache, directory: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("academy-cache-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let content = directory + "/Modules"
        try FileManager.default.copyItem(atPath: Fixture.repository.appendingPathComponent("Modules").path, toPath: content)
        return (content, ContentCache(directory: directory + "/cache"), directory)
    }

    @Test("The binary form reads back the same catalog and modules, cues and all")
    func roundTrip() async throws {
        let library = try await Fixture.bundledLibrary()
        let bytes = LibraryCodec.encode(library)
        let decoded = try await LibraryCodec.decode(bytes, root: library.root)
        #expect(decoded.academy == library.academy)
        #expect(decoded.modules == library.modules)
        #expect(decoded.videoCount == library.videoCount)
        #expect(decoded.stepCount == library.stepCount)
        let fixture = try await LibraryCodec.decode(LibraryCodec.encode(Fixture.library), root: "x", parts: 3)
        #expect(fixture.modules == Fixture.library.modules)
        #expect(fixture.academy == Fixture.library.academy)
    }

    @Test("Damaged bytes are refused, never half read")
    func damaged() async throws {
        let bytes = LibraryCodec.encode(Fixture.library)
        for cut in [0, 1, 10, bytes.count / 2, bytes.count - 1] {
            await #expect(throws: LibraryCodec.CacheError.self) { try await LibraryCodec.decode(Array(bytes.prefix(cut)), root: "x") }
        }
        await #expect(throws: LibraryCodec.CacheError.self) { try await LibraryCodec.decode(bytes + [0], root: "x") }
        var generator = SplitMix(seed: 3)
        for _ in 0..<200 {
            var flipped = bytes
            flipped[Int(generator.next() % UInt64(bytes.count))] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            _ = try? await LibraryCodec.decode(flipped, root: "x")
        }
    }

    @Test("The first load writes the cache; the next one reads it; a change in any file is seen")
    func invalidation() async throws {
        let (content, cache, directory) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try await cache.library(at: content)
        let path = cache.file(for: content)
        #expect(FileManager.default.fileExists(atPath: path))
        let stored = try #require(await cache.read(path, root: content))
        #expect(stored.fingerprint == Fingerprint.of(root: content))
        #expect(stored.library.modules == first.modules)
        #expect(try await cache.library(at: content).modules == first.modules)

        // Same size, different text: the modification time tells.
        let manifest = content + "/05-bordsessie-opbouw/module.xml"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "<title>De bordsessie: opbouw en rollen</title>", with: "<title>De bordsessie: opbouw en rollEN</title>")
            .write(toFile: manifest, atomically: false, encoding: .utf8)
        #expect(stored.fingerprint != Fingerprint.of(root: content))
        let changed = try await cache.library(at: content)
        #expect(changed.module(id: "bordsessie-opbouw")?.title.text == "De bordsessie: opbouw en rollEN")
        #expect(
            try #require(await cache.read(path, root: content)).library.module(id: "bordsessie-opbouw")?.title.text
                == "De bordsessie: opbouw en rollEN"
        )

        // A captions file changes.
        let captions = content + "/05-bordsessie-opbouw/captions/bordsessie-waarom.nl.vtt"
        try (try String(contentsOfFile: captions, encoding: .utf8)).replacingOccurrences(of: "Ken je dat?", with: "Kent u dat?")
            .write(toFile: captions, atomically: true, encoding: .utf8)
        let recaptioned = try await cache.library(at: content)
        #expect(recaptioned.video(id: "bordsessie-waarom")?.captions.first?.cues.first?.text == "Kent u dat?")
    }

    @Test("Content with errors is reported as without a cache, and not cached")
    func errors() async throws {
        let (content, cache, directory) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try await cache.library(at: content)
        let manifest = content + "/05-bordsessie-opbouw/module.xml"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "<see video=\"bordsessie-waarom\"", with: "<see video=\"bordsessie-waaron\"").write(
            toFile: manifest,
            atomically: true,
            encoding: .utf8
        )
        await #expect(throws: ContentLoadError.self) { try await cache.library(at: content) }
        let stored = try #require(await cache.read(cache.file(for: content), root: content))
        #expect(stored.fingerprint != Fingerprint.of(root: content), "the cache still holds the last good content, and is not used")
    }

    @Test("A damaged or foreign cache file is only a slower start")
    func damagedFile() async throws {
        let (content, cache, directory) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try await cache.library(at: content)
        let path = cache.file(for: content)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        #expect(try await cache.library(at: content).modules == first.modules)
        try Data("not a cache".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try await cache.library(at: content).modules == first.modules)
        let unwritable = ContentCache(directory: "/proc/academy-cannot-be-here")
        #expect(try await unwritable.library(at: content).modules == first.modules)
    }

    @Test("The fingerprint sees added, removed and renamed files, and nothing else")
    func fingerprint() throws {
        let (content, _, directory) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let original = try #require(Fingerprint.of(root: content))
        #expect(Fingerprint.of(root: content) == original)
        let extra = content + "/05-bordsessie-opbouw/notes.txt"
        try "x".write(toFile: extra, atomically: true, encoding: .utf8)
        let added = try #require(Fingerprint.of(root: content))
        #expect(added != original)
        try FileManager.default.moveItem(atPath: extra, toPath: content + "/05-bordsessie-opbouw/notes2.txt")
        #expect(Fingerprint.of(root: content) != added)
        #expect(Fingerprint.of(root: directory + "/missing") == nil)
    }
}
