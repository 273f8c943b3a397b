import Foundation

/// Where the progress store keeps its files: `--data DIR`, else `$ACADEMY_DATA`, else
/// `$XDG_DATA_HOME/academy`, else `~/.local/share/academy`.
public enum DataDirectory {
    /// The directory to use, from an explicit path or the environment.
    public static func resolve(_ explicit: String?, environment: [String: String]? = nil) -> String {
        let environment = environment ?? ProcessInfo.processInfo.environment
        if let explicit, !explicit.isEmpty { return explicit }
        if let data = environment["ACADEMY_DATA"], !data.isEmpty { return data }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/academy" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/academy"
    }
}
