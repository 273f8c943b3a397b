/// Where remote mode keeps its files, by the XDG base directory rules: the queue in the state
/// directory (it must survive; it is not a cache), the fetched content in the cache directory, the
/// saved login in the configuration directory.
enum UserDirectories {
    /// `$XDG_STATE_HOME/academy`, else `~/.local/state/academy`.
    static func state(_ environment: [String: String]) throws(RemoteError) -> String {
        try directory("XDG_STATE_HOME", fallback: ".local/state", environment)
    }

    /// `$XDG_CACHE_HOME/academy`, else `~/.cache/academy`.
    static func cache(_ environment: [String: String]) throws(RemoteError) -> String {
        try directory("XDG_CACHE_HOME", fallback: ".cache", environment)
    }

    /// `$XDG_CONFIG_HOME/academy`, else `~/.config/academy`.
    static func config(_ environment: [String: String]) throws(RemoteError) -> String {
        try directory("XDG_CONFIG_HOME", fallback: ".config", environment)
    }

    private static func directory(_ variable: String, fallback: String, _ environment: [String: String]) throws(RemoteError) -> String {
        // The specification says a relative value is invalid and to be ignored.
        if let base = environment[variable], base.hasPrefix("/") { return base + "/academy" }
        if let home = environment["HOME"], home.hasPrefix("/") { return "\(home)/\(fallback)/academy" }
        throw RemoteError(
            code: "no-home",
            message: "neither \(variable) nor HOME is set: set HOME (or \(variable)) to a directory for academy's files"
        )
    }
}
