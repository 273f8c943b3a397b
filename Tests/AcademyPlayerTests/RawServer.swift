import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A TCP server on 127.0.0.1 for one connection, that answers with bytes chosen by the test: not
/// necessarily HTTP, and not necessarily all of an answer. It reads the request (the head and a
/// `Content-Length` body; just the first bytes of anything that is not HTTP, such as a TLS
/// ClientHello), writes `reply`, and then closes the connection, or holds it open until
/// ``stop()`` when `closes` is false.
final class RawServer: Sendable {
    let port: Int
    private let listener: Int32
    private let received = Mutex<[UInt8]>([])
    private let stopped = DispatchSemaphore(value: 0)

    convenience init(reply: [UInt8], closes: Bool = true) throws {
        try self.init(replies: [reply], closes: closes)
    }

    /// A server that reads a request and writes the next of `replies`, in turn: a proxy's
    /// `CONNECT` answered, and then the request through the tunnel.
    init(replies: [[UInt8]], closes: Bool = true) throws {
        (listener, port) = try LiveServer.loopbackSocket(listens: true)
        let listener = listener
        Thread { [self] in
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            for reply in replies {
                let request = Self.read(client)
                received.withLock { $0 += request }
                _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            if !closes { stopped.wait() }
            close(client)
        }.start()
    }

    convenience init(reply: String, closes: Bool = true) throws {
        try self.init(reply: Array(reply.utf8), closes: closes)
    }

    /// What the client sent, as text.
    var request: String { String(decoding: received.withLock { $0 }, as: UTF8.self) }

    /// Stops listening, and closes a connection held open.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        stopped.signal()
    }

    private static func read(_ client: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while !isComplete(bytes) {
            let count = recv(client, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return bytes
    }

    private static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return true }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }.flatMap {
            Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        }
        return bytes.count >= text[..<end.upperBound].utf8.count + (length ?? 0)
    }
}
