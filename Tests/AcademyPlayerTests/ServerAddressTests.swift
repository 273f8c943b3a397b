import Foundation
import Testing

@testable import AcademyPlayer

@Suite("Server addresses and tokens")
struct ServerAddressTests {
    @Test(
        "One server, one written form: http:// assumed, host in lowercase, default port and trailing slash left out",
        arguments: [
            ("127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("HTTP://School.Example:80/", "http://school.example"),
            ("https://school.example:443/academy/", "https://school.example/academy"),
            ("https://school.example:8443", "https://school.example:8443"),
            ("  localhost:9000  ", "http://localhost:9000"),
            ("http://[::1]:8080", "http://[::1]:8080"),
        ]
    )
    func normalized(text: String, expected: String) throws {
        #expect(try ServerAddress(text).normalized == expected)
    }

    @Test(
        "What is not a server address says so",
        arguments: ["", "ftp://school.example", "http://", "http://anna:secret@school.example", "http://x/?a=1"]
    )
    func bad(text: String) {
        #expect(throws: RemoteError.self) { try ServerAddress(text) }
        do {
            _ = try ServerAddress(text)
        } catch {
            #expect(error.code == "bad-server")
            #expect(error.message.contains("http://127.0.0.1:8080"))
        }
    }

    @Test("The token comes from --token, else $ACADEMY_TOKEN, else the saved login for that same server")
    func tokenOrder() throws {
        var environment = Scratch.environment()
        try SavedLogin(server: "http://school.example:8080", token: "ak_saved", learner: "anna").save(environment: environment)
        let path = try SavedLogin.path(environment: environment)
        #expect(Scratch.mode(of: path) == 0o600)
        #expect(try RemoteConnection.resolve(server: "school.example:8080", token: nil, environment: environment).token == "ak_saved")
        environment["ACADEMY_TOKEN"] = "ak_environment"
        #expect(try RemoteConnection.resolve(server: "school.example:8080", token: nil, environment: environment).token == "ak_environment")
        #expect(try RemoteConnection.resolve(server: "school.example:8080", token: "ak_flag", environment: environment).token == "ak_flag")
    }

    @Test("Without a token for the server: how to get one, and whose server the saved login is for")
    func noToken() throws {
        let environment = Scratch.environment()
        try SavedLogin(server: "http://other.example", token: "ak_saved", learner: "anna").save(environment: environment)
        do {
            _ = try RemoteConnection.resolve(server: "school.example", token: nil, environment: environment)
            Issue.record("expected no-token")
        } catch {
            #expect(error.code == "no-token")
            #expect(error.message.contains("academy login --server http://school.example"))
            #expect(error.message.contains("the saved login is for http://other.example"))
            #expect(error.message.contains("ACADEMY_TOKEN"))
        }
    }

    @Test("The queue file is named after the server and learner, in the state directory")
    func queueLocation() throws {
        let environment = Scratch.environment()
        let queue = try EventQueue.standard(server: ServerAddress("127.0.0.1:8080"), learnerID: "anna", environment: environment)
        let other = try EventQueue.standard(server: ServerAddress("127.0.0.1:8080"), learnerID: "bert", environment: environment)
        #expect(queue.path.hasPrefix(environment["XDG_STATE_HOME"]! + "/academy/queue-"))
        #expect(queue.path.hasSuffix(".jsonl"))
        #expect(queue.path != other.path)
        let name = (queue.path as NSString).lastPathComponent
        #expect(name.count == "queue-".count + 16 + ".jsonl".count)
        var home = environment
        home["XDG_STATE_HOME"] = nil
        #expect(
            try EventQueue.standard(server: ServerAddress("127.0.0.1:8080"), learnerID: "anna", environment: home).path.contains(
                "/.local/state/academy/"
            )
        )
    }
}
