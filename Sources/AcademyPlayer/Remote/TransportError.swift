import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
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

    init(_ error: any Error, timeout: Double) {
        guard let error = error as? URLError else {
            self.init(reason: "\(error)", isTimeout: false)
            return
        }
        switch error.code {
        case .timedOut: self.init(reason: "no answer within \(Int(timeout.rounded())) s", isTimeout: true)
        case .cannotConnectToHost: self.init(reason: "connection refused", isTimeout: false)
        case .cannotFindHost, .dnsLookupFailed: self.init(reason: "unknown host", isTimeout: false)
        case .networkConnectionLost: self.init(reason: "the connection was lost", isTimeout: false)
        case .notConnectedToInternet: self.init(reason: "no network", isTimeout: false)
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
            .serverCertificateHasUnknownRoot:
            self.init(reason: "the TLS connection failed (\(error.localizedDescription))", isTimeout: false)
        default: self.init(reason: error.localizedDescription, isTimeout: false)
        }
    }

    var description: String { reason }
}
