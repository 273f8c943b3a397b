import Foundation

/// The login that `academy login` saves: the server, its token and whose it is, in
/// `$XDG_CONFIG_HOME/academy/login.json` (else `~/.config/academy/login.json`), readable by the
/// user alone (mode 0600). It supplies the token for its own server only.
public struct SavedLogin: Sendable, Hashable, Codable {
    /// The server, normalized.
    public var server: String
    /// The token.
    public var token: String
    /// The learner the token belongs to.
    public var learner: String

    /// Creates a login.
    public init(server: String, token: String, learner: String) {
        self.server = server
        self.token = token
        self.learner = learner
    }

    /// The file.
    public static func path(environment: [String: String]) throws(RemoteError) -> String {
        try UserDirectories.config(environment) + "/login.json"
    }

    /// The saved login, if there is one. Throws for a file that exists but cannot be read.
    public static func load(environment: [String: String]) throws(RemoteError) -> SavedLogin? {
        let path = try path(environment: environment)
        let bytes: [UInt8]?
        do {
            bytes = try DurableFile.read(path)
        } catch {
            throw RemoteError(code: "login", message: "\(error): fix its permissions, or log in again with 'academy login --server URL'")
        }
        guard let bytes else { return nil }
        guard let login = try? JSONDecoder().decode(SavedLogin.self, from: Data(bytes)) else {
            throw RemoteError(code: "login", message: "\(path) is not a saved login: log in again with 'academy login --server URL' (or remove it)")
        }
        return login
    }

    /// Saves the login, readable by the user alone; returns the file's path.
    @discardableResult
    public func save(environment: [String: String]) throws(RemoteError) -> String {
        let path = try Self.path(environment: environment)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try DurableFile.makeDirectory(String(path.dropLast("/login.json".count)))
            try DurableFile.replace(path, with: Array(try encoder.encode(self)) + [0x0A])
        } catch {
            throw RemoteError(code: "login", message: "cannot save the login (\(error)): make \(path)'s directory writable, or set XDG_CONFIG_HOME")
        }
        return path
    }

    /// Removes the saved login; returns it, or `nil` when there was none.
    public static func remove(environment: [String: String]) throws(RemoteError) -> SavedLogin? {
        let login = try? load(environment: environment)
        let path = try path(environment: environment)
        do {
            try DurableFile.remove(path)
        } catch {
            throw RemoteError(code: "login", message: "\(error): remove it by hand")
        }
        return login
    }
}
