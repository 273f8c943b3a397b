import AcademyContent
import AcademyProgress
import AcademyServer
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTPTypes
import Logging
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A real academy application on a temporary data and media directory, with accounts.
struct TestServer {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modules = repository.appendingPathComponent("Modules").path

    /// The test video: 5000 bytes, byte i being i % 251, so every range's bytes are known.
    static let videoBytes: [UInt8] = (0..<5000).map { UInt8($0 % 251) }
    static let videoPath = "/media/bordsessie-opbouw/bordsessie-waarom.mp4"

    let data: String
    let media: String
    /// Tokens by learner id.
    var tokens: [String: String] = [:]

    /// Learners: anna (leraar, onderbouw), bert (leraar, onderbouw), coach (schoolcoach,
    /// onderbouw), other (schoolcoach, bovenbouw), zee (schoolcoach, "groep 7/8 – zeeën": a team name
    /// that must be percent-encoded in a path), admin (admin), revoked (a token that was replaced).
    static func make(accounts: Bool = true) async throws -> TestServer {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("academy-server-\(UUID().uuidString)").path
        var server = TestServer(data: base + "/data", media: base + "/media")
        try FileManager.default.createDirectory(atPath: server.media + "/bordsessie-opbouw", withIntermediateDirectories: true)
        try Data(videoBytes).write(to: URL(fileURLWithPath: server.media + "/bordsessie-opbouw/bordsessie-waarom.mp4"))
        try FileManager.default.createSymbolicLink(atPath: server.media + "/bordsessie-opbouw/bordsessie-waarom.jpg", withDestinationPath: "/etc/passwd")
        try Data("secret".utf8).write(to: URL(fileURLWithPath: server.media + "/bordsessie-opbouw/.hidden"))
        guard accounts else { return server }
        let store = try await JSONFileProgressStore(directory: server.data)
        for (id, team, role) in [("anna", "onderbouw", Role.leraar), ("bert", "onderbouw", .leraar), ("coach", "onderbouw", .schoolcoach),
                                 ("other", "bovenbouw", .schoolcoach), ("zee", "groep 7/8 – zeeën", .schoolcoach), ("admin", "beheer", .admin), ("revoked", "onderbouw", .leraar)] {
            let token = AccessToken.generate()
            server.tokens[id] = token
            try await store.add(Learner(id: id, displayName: id.capitalized, team: team, role: role, tokens: [TokenRecord(hash: AccessToken.hash(token))]))
        }
        // The revoked learner got a new token; the old one must no longer work.
        var revoked = try await store.learner(id: "revoked")!
        revoked.tokens = [TokenRecord(hash: AccessToken.hash(AccessToken.generate()))]
        try await store.update(revoked)
        return server
    }

    func configuration(host: String = "127.0.0.1", isContentPublic: Bool = false, modules: String = TestServer.modules) -> ServerConfiguration {
        ServerConfiguration(host: host, port: 0, modulesPath: modules, mediaPath: media, dataPath: data, logLevel: .warning, isContentPublic: isContentPublic)
    }

    func headers(_ learner: String?, _ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        if let learner, let token = tokens[learner] { headers[.authorization] = "Bearer \(token)" }
        return headers
    }

    /// Signs in once, which fills the server's account cache; the fast path is taken from then on.
    func warm(_ client: some TestClientProtocol) async throws {
        _ = try await client.execute(uri: "/api/v1/me", method: .get, headers: headers("anna"))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: (data as NSString).deletingLastPathComponent)
    }
}

extension ByteBuffer {
    var text: String { String(buffer: self) }
    var bytes: [UInt8] { Array(readableBytesView) }

    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(readableBytesView)) as? [String: Any] ?? [:]
    }
}

/// A TCP connection to 127.0.0.1, as a socket descriptor the caller closes.
enum LoopbackSocket {
    static func connect(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
        return descriptor
    }
}

/// A raw HTTP/1.1 client that sends a request, reads a little, and closes the socket.
enum HangingClient {
    static func request(port: Int, path: String, token: String, readBytes: Int) throws {
        let descriptor = try LoopbackSocket.connect(port: port)
        defer { close(descriptor) }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n"
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: readBytes)
        _ = recv(descriptor, &buffer, readBytes, 0)
    }
}
