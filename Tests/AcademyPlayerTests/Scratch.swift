import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Temporary directories and files for tests.
enum Scratch {
    /// A new empty directory.
    static func directory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("academy-player-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// An environment whose XDG directories are under a new directory, and whose server timeout
    /// is long: the in-process servers share two cores with every other suite.
    static func environment() -> [String: String] {
        let base = directory()
        return [
            "HOME": base, "XDG_STATE_HOME": base + "/state", "XDG_CACHE_HOME": base + "/cache", "XDG_CONFIG_HOME": base + "/config",
            "ACADEMY_SERVER_TIMEOUT": "30",
        ]
    }

    /// A file's permission bits.
    static func mode(of path: String) -> mode_t {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_mode & 0o777 : 0
    }
}
