import AcademyContent
import AcademyProgress
import Foundation
import Testing

@Suite("The JSON-file progress store")
struct StoreTests {
    @Test("Events are stored once; the second time answers duplicate; progress survives reopening")
    func recordAndReopen() async throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await JSONFileProgressStore(directory: directory)
        try await store.add(Support.learner("anna"))
        let event = Support.watched("bordsessie-waarom", module: "bordsessie-opbouw", 0, 30)
        #expect(try await store.record([event], for: "anna") == [.stored])
        #expect(try await store.record([event], for: "anna") == [.duplicate])
        #expect(try await store.record([event, event], for: "anna") == [.duplicate, .duplicate])
        let progress = try await store.progress(of: "anna")
        #expect(progress.videos["bordsessie-waarom"]?.played.covered == 30)

        let reopened = try await JSONFileProgressStore(directory: directory)
        #expect(try await reopened.progress(of: "anna").videos["bordsessie-waarom"]?.played.covered == 30)
        #expect(try await reopened.record([event], for: "anna") == [.duplicate])
    }

    @Test("Files are private: 0700 directories, 0600 files")
    func permissions() async throws {
        let directory = try Support.temporaryDirectory() + "/data"
        let store = try await JSONFileProgressStore(directory: directory)
        try await store.add(Support.learner("anna"))
        _ = try await store.record([Support.checked("bordsessie-moment-vastleggen", module: "bordsessie-opbouw")], for: "anna")
        try await store.compact()
        for (path, mode) in [(directory, 0o700), (directory + "/progress", 0o700), (directory + "/learners.json", 0o600),
                             (directory + "/journal.jsonl", 0o600), (directory + "/progress/anna.json", 0o600), (directory + "/history/anna.jsonl", 0o600)] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == mode, "\(path)")
        }
    }

    @Test("Compaction folds the journal into snapshots and histories, and loses nothing")
    func compaction() async throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await JSONFileProgressStore(directory: directory, compactionThreshold: 2000)
        try await store.add(Support.learner("anna"))
        var events: [ProgressEvent] = []
        for second in stride(from: 0.0, to: 150, by: 10) {
            let event = Support.watched("bordsessie-waarom", module: "bordsessie-opbouw", second, second + 10)
            events.append(event)
            #expect(try await store.record([event], for: "anna") == [.stored])
        }
        let journal = try String(contentsOfFile: directory + "/journal.jsonl", encoding: .utf8)
        #expect(journal.count < 4000, "the journal was compacted")
        #expect(try await store.progress(of: "anna").videos["bordsessie-waarom"]?.played.covered == 150)
        #expect(try await store.history(of: "anna").map(\.id) == events.map(\.id))
        let reopened = try await JSONFileProgressStore(directory: directory)
        #expect(try await reopened.record([events[3]], for: "anna") == [.duplicate])
        #expect(try await reopened.progress(of: "anna").videos["bordsessie-waarom"]?.played.covered == 150)
    }

    @Test("Accounts: add, duplicate id, invalid id, update, token lookup, remove")
    func accounts() async throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await JSONFileProgressStore(directory: directory)
        let token = AccessToken.generate()
        #expect(token.hasPrefix("ak_") && token.count == 46)
        var anna = Support.learner("anna")
        anna.tokens = [TokenRecord(hash: AccessToken.hash(token))]
        try await store.add(anna)
        await #expect(throws: StoreError.self) { try await store.add(Support.learner("anna")) }
        await #expect(throws: StoreError.self) { try await store.add(Support.learner("Anna Smit")) }
        #expect(try await store.learner(withToken: token)?.id == "anna")
        #expect(try await store.learner(withToken: token + "x") == nil)
        let stored = try String(contentsOfFile: directory + "/learners.json", encoding: .utf8)
        #expect(!stored.contains(token), "only the hash is stored")
        anna.tokens = []
        try await store.update(anna)
        #expect(try await store.learner(withToken: token) == nil, "a revoked token no longer works")
        try await store.remove(learnerID: "anna")
        #expect(try await store.learner(id: "anna") == nil)
        await #expect(throws: StoreError.self) { try await store.record([], for: "anna") }
    }

    @Test("Passwords are bcrypt hashes")
    func passwords() {
        let hash = PasswordHasher.hash("geheim wachtwoord", cost: 4)
        #expect(hash.hasPrefix("$2"))
        #expect(PasswordHasher.verify("geheim wachtwoord", hash: hash))
        #expect(!PasswordHasher.verify("geheim", hash: hash))
    }

    @Test("The data directory: --data, then ACADEMY_DATA, then XDG_DATA_HOME, then ~/.local/share")
    func dataDirectory() {
        #expect(DataDirectory.resolve("/x", environment: ["ACADEMY_DATA": "/y"]) == "/x")
        #expect(DataDirectory.resolve(nil, environment: ["ACADEMY_DATA": "/y", "XDG_DATA_HOME": "/z"]) == "/y")
        #expect(DataDirectory.resolve(nil, environment: ["XDG_DATA_HOME": "/z"]) == "/z/academy")
        #expect(DataDirectory.resolve(nil, environment: ["HOME": "/home/anna"]) == "/home/anna/.local/share/academy")
    }
}
