import AcademyProgress
public import Foundation

/// A school's academy server as the player addresses it: `http` or `https`, a host, an optional
/// port and path prefix, written one way only, so that one server always gets the same queue,
/// cache and saved login.
///
/// For example:
///
/// ```swift
/// try ServerAddress("School.example:8080/").normalized   // "http://school.example:8080"
/// try ServerAddress("https://school.example:443/academy/").normalized   // "https://school.example/academy"
/// ```
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address in its one written form: scheme, lowercase host, port unless it is the
    /// scheme's default, and the path prefix without a trailing slash.
    public let normalized: String

    /// Reads an address as a user types it; without a scheme, `http://` is assumed. Throws
    /// ``RemoteError`` (`bad-server`) for anything that is not an http(s) address of a server.
    public init(_ text: String) throws(RemoteError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw Self.bad(text, "it is empty") }
        let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
        guard let components = URLComponents(string: withScheme) else { throw Self.bad(text, "it is not a URL") }
        let scheme = components.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else { throw Self.bad(text, "the scheme is '\(scheme)', not http or https") }
        guard let host = components.host?.lowercased(), !host.isEmpty else { throw Self.bad(text, "it has no host") }
        guard components.user == nil, components.password == nil else {
            throw Self.bad(text, "it holds a user name or password: pass the token with --token instead")
        }
        guard components.query == nil, components.fragment == nil else { throw Self.bad(text, "it has a query or fragment") }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        let isDefaultPort = components.port == nil || (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443)
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        normalized = "\(scheme)://\(hostPart)\(isDefaultPort ? "" : ":\(components.port!)")\(path)"
    }

    /// The URL of a path on the server, such as `/api/v1/me` or a media URL from the API.
    public func url(_ path: String) -> URL? {
        URL(string: normalized + (path.hasPrefix("/") ? path : "/" + path))
    }

    /// The first 16 hexadecimal digits of the SHA-256 of `text`: short file names per server.
    static func shortHash(_ text: String) -> String {
        // AccessToken.hash is SHA-256 in hexadecimal, of any text.
        String(AccessToken.hash(text).prefix(16))
    }

    public var description: String { normalized }

    private static func bad(_ text: String, _ reason: String) -> RemoteError {
        RemoteError(
            code: "bad-server",
            message: "'\(text)' is not a server address (\(reason)): write it as 'academy serve' prints it, such as http://127.0.0.1:8080"
        )
    }
}
