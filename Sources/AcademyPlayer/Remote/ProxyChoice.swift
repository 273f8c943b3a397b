import Foundation

/// The proxy a request to the server goes through, read from the environment as curl reads it (a
/// school network often allows the web only through one):
///
/// - `https_proxy` (or `HTTPS_PROXY`) for an https server, `http_proxy` for an http server (not
///   `HTTP_PROXY`, which a CGI environment lets a client set), and `all_proxy` (or `ALL_PROXY`)
///   for either when those are unset;
/// - a proxy is `host:port`, `http://[user:password@]host[:port]` (port 1080 when left out, as
///   curl has it) or `socks5://` / `socks5h://host[:port]`;
/// - `no_proxy` (or `NO_PROXY`): hosts reached directly, comma-separated; `example.nl` and
///   `.example.nl` both take in every subdomain, `*` takes in every host.
struct ProxyChoice: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// An HTTP proxy, asked to `CONNECT` to the server (AsyncHTTPClient tunnels http and https
        /// alike; a proxy that allows `CONNECT` only to port 443 serves only https servers).
        case http
        /// A SOCKS5 proxy.
        case socks
    }

    var kind: Kind
    var host: String
    var port: Int
    var username: String?
    var password: String?

    init(kind: Kind, host: String, port: Int, username: String? = nil, password: String? = nil) {
        self.kind = kind
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// The proxy for requests to `url`, or `nil` for a direct connection.
    ///
    /// Throws when the variable that applies holds something that is not a usable proxy, so that
    /// the player says so rather than quietly connecting directly.
    static func forRequest(to url: URL, environment: [String: String]) throws(TransportError) -> ProxyChoice? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
        func variable(_ names: String...) -> (name: String, value: String)? {
            for name in names {
                if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return (name, value) }
            }
            return nil
        }
        let setting =
            scheme == "https"
            ? variable("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
            : variable("http_proxy", "all_proxy", "ALL_PROXY")
        guard let setting else { return nil }
        if let exceptions = variable("no_proxy", "NO_PROXY"), bypasses(host, exceptions.value) { return nil }
        return try parse(setting.value, from: setting.name)
    }

    /// Whether `no_proxy` names `host` (or a domain it is in, or `*`).
    static func bypasses(_ host: String, _ list: String) -> Bool {
        for entry in list.split(separator: ",") {
            var pattern = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if pattern == "*" { return true }
            if pattern.hasPrefix(".") { pattern.removeFirst() }
            guard !pattern.isEmpty else { continue }
            if host == pattern || host.hasSuffix("." + pattern) { return true }
        }
        return false
    }

    private static func parse(_ value: String, from variable: String) throws(TransportError) -> ProxyChoice {
        let text = value.contains("://") ? value : "http://" + value
        let problem = TransportError(
            reason: "\(variable) is '\(value)', which is not a proxy academy can use: write http://host:port or socks5://host:port",
            isTimeout: false
        )
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else { throw problem }
        let kind: Kind
        switch components.scheme?.lowercased() {
        case "http": kind = .http
        case "socks5", "socks5h": kind = .socks
        default: throw problem
        }
        return ProxyChoice(
            kind: kind,
            host: host,
            port: components.port ?? 1080,
            username: components.user?.removingPercentEncoding,
            password: components.password?.removingPercentEncoding
        )
    }
}
