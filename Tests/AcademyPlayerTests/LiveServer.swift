import AcademyContent
import AcademyProgress
import AcademyServer
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

@testable import AcademyPlayer

#if canImport(Glibc)
import Glibc
#endif

/// A real academy server in this process, on a port of its own and a temporary data directory
/// with learners anna and bert, that a test can stop and start again on the same port and data.
final class LiveServer: @unchecked Sendable {
    // Unchecked: `running` is only touched by the one test that owns the server, in order.
    static let modules = Fixture.repository.appendingPathComponent("Modules").path

    let data: String
    let port: Int
    let tokens: [String: String]
    private var running: (group: ServiceGroup, task: Task<Void, any Error>)?

    var url: String { "http://127.0.0.1:\(port)" }
    var address: ServerAddress { try! ServerAddress(url) }

    private init(data: String, port: Int, tokens: [String: String]) {
        self.data = data
        self.port = port
        self.tokens = tokens
    }

    /// A server with accounts, started.
    static func start() async throws -> LiveServer {
        let data = Scratch.directory() + "/data"
        let store = try await JSONFileProgressStore(directory: data)
        var tokens: [String: String] = [:]
        for (id, name) in [("anna", "Anna"), ("bert", "Bert")] {
            let token = AccessToken.generate()
            tokens[id] = token
            try await store.add(
                Learner(id: id, displayName: name, team: "onderbouw", role: .leraar, tokens: [TokenRecord(hash: AccessToken.hash(token))])
            )
        }
        try await store.close()
        let server = LiveServer(data: data, port: try freePort(), tokens: tokens)
        try await server.start()
        return server
    }

    /// Starts (again) on the same port and data; returns once it accepts connections.
    func start() async throws {
        let configuration = ServerConfiguration(port: port, modulesPath: Self.modules, dataPath: data, logLevel: .error)
        let logger = Logger(label: "test-server")
        let app = try await buildApplication(configuration, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        running = (group, Task { try await group.run() })
        for _ in 0..<200 {
            if Self.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw PlayerError("the test server did not start on port \(port)")
    }

    /// Stops it as SIGTERM does (gracefully); the port refuses connections after.
    func stop() async {
        await running?.group.triggerGracefulShutdown()
        _ = await running?.task.result
        running = nil
        for _ in 0..<200 where Self.accepts(port: port) { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// Every event the server has for a learner, as `GET /api/v1/me/events` answers.
    func events(of learner: String = "anna") async throws -> [ProgressEvent] {
        let answer = try await HTTPClient(server: address, token: tokens[learner]!, timeout: 30).get("/api/v1/me/events")
        guard answer.status == 200 else { throw PlayerError("GET /api/v1/me/events answered \(answer.status)") }
        return try ProgressJSON.decoder.decode([ProgressEvent].self, from: answer.body)
    }

    func connection(_ learner: String = "anna") -> RemoteConnection {
        RemoteConnection(server: address, token: tokens[learner]!)
    }

    static func freePort() throws -> Int {
        let bound = try loopbackSocket(listens: false)
        close(bound.descriptor)
        return bound.port
    }

    /// A TCP socket bound to a free port on 127.0.0.1, listening when `listens`; the caller closes it.
    static func loopbackSocket(listens: Bool) throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 && (!listens || listen(descriptor, 16) == 0)
            }
        }
        guard bound else {
            close(descriptor)
            throw PlayerError("no free port on 127.0.0.1")
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
