import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request got no HTTP answer: the server is down, unreachable, or too slow.
struct TransportError: Error, Sendable, CustomStringConvertible {
    /// What happened, such as "connection refused".
    var reason: String
    /// Whether the time ran out (rather than the connection being refused).
    var isTimeout: Bool

    init(reason: String, isTimeout: Bool) {
        self.reason = reason
        self.isTimeout = isTimeout
    }

    /// What an error of AsyncHTTPClient, SwiftNIO or NIOSSL means to the learner; `timeout` is
    /// the request's limit in seconds, for the message.
    init(_ error: any Error, timeout: Double) {
        switch Self.cause(of: error) {
        case .timeout: self.init(reason: "no answer within \(Int(timeout.rounded())) s", isTimeout: true)
        case .other(let reason): self.init(reason: reason, isTimeout: false)
        }
    }

    var description: String { reason }

    private enum Cause {
        case timeout
        case other(String)
    }

    private static let refused = Cause.other("connection refused")
    private static let unknownHost = Cause.other("unknown host")
    private static let lost = Cause.other("the connection was lost")

    private static func cause(of error: any Error) -> Cause {
        switch error {
        case let error as HTTPClientError: cause(of: error)
        case let error as NIOConnectionError:
            // Happy eyeballs: no address at all is a name that did not resolve; else the first
            // address's failure says it (usually all of them failed the same way).
            if let failure = error.connectionErrors.first { cause(of: failure.error) } else { unknownHost }
        case is SocketAddressError.UnknownHost, is SocketAddressError: unknownHost
        case let error as IOError: cause(errno: error.errnoCode) ?? .other("\(error)")
        case let error as ChannelError: cause(of: error)
        case NIOSSLError.uncleanShutdown: lost
        case let error as NIOSSLError: .other("the TLS connection failed (\(tlsDetail(error)))")
        case let error as NIOSSLExtraError: .other("the TLS connection failed (\(tlsDetail(error)))")
        case let error as BoringSSLError: .other("the TLS connection failed (\(tlsDetail(error)))")
        case is NIOTooManyBytesError, NIOHTTPDecompression.DecompressionError.limit: tooLarge
        case let error as NIOHTTPDecompression.DecompressionError: .other("the answer could not be decompressed (\(error))")
        case let error as HTTPParserError: .other("the answer is not HTTP (\(error))")
        case is CancellationError: .other("cancelled")
        default: .other("\(error)")
        }
    }

    private static var tooLarge: Cause {
        .other("the answer is larger than \(HTTPClient.maximumBodySize >> 20) MB")
    }

    private static func cause(of error: HTTPClientError) -> Cause {
        switch error {
        case .deadlineExceeded, .connectTimeout, .readTimeout, .writeTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
            .timeout
        case .remoteConnectionClosed, .uncleanShutdown, .bodyLengthMismatch: lost
        case .cancelled: .other("cancelled")
        case .redirectLimitReached, .redirectCycleDetected: .other("too many redirects")
        default: .other("\(error)")
        }
    }

    private static func cause(of error: ChannelError) -> Cause {
        switch error {
        case .connectTimeout: .timeout
        case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed, .inputClosed: lost
        default: .other("\(error)")
        }
    }

    private static func cause(errno code: Int32) -> Cause? {
        switch code {
        case ECONNREFUSED: refused
        case ETIMEDOUT: .timeout
        case ECONNRESET, ECONNABORTED, EPIPE: lost
        case ENETUNREACH, ENETDOWN: .other("no network")
        case EHOSTUNREACH, EHOSTDOWN: .other("no route to the host")
        default: nil
        }
    }

    /// The reason BoringSSL gave, in words: "certificate verify failed" rather than
    /// `handshakeFailed(sslError([Error: 268435581 error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at …]))`.
    private static func tlsDetail(_ error: any Error) -> String {
        let text = "\(error)"
        var reasons: [String] = []
        var rest = text[...]
        while let marker = rest.range(of: "OPENSSL_internal:") {
            rest = rest[marker.upperBound...]
            let code = rest.prefix { $0.isUppercase || $0.isNumber || $0 == "_" }
            if !code.isEmpty { reasons.append(code.replacingOccurrences(of: "_", with: " ").lowercased()) }
        }
        if !reasons.isEmpty { return reasons.joined(separator: "; ") }
        // NIOSSLExtraError: "NIOSSLExtraError.failedToValidateHostname: Couldn't find x in certificate from peer".
        guard text.hasPrefix("NIOSSLExtraError.") else { return text }
        if let colon = text.range(of: ": ") { return String(text[colon.upperBound...]) }
        return String(text.dropFirst("NIOSSLExtraError.".count))
    }
}
