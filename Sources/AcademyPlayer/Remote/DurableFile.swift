#if canImport(Glibc)
import Glibc
#endif

/// The few file operations remote mode needs, with the durability each promises: appends and
/// replacements reach the disk (fsync, and the directory's entry too) before they return, and a
/// lock file serializes every process that uses one queue.
enum DurableFile {
    /// A failed file operation: what, on which path, and the system's reason.
    struct Failure: Error, Sendable, CustomStringConvertible {
        var operation: String
        var path: String
        var reason: String

        init(_ operation: String, _ path: String, errno code: Int32 = errno) {
            self.operation = operation
            self.path = path
            self.reason = String(cString: strerror(code))
        }

        var description: String { "cannot \(operation) \(path): \(reason)" }
    }

    /// Runs `body` holding an exclusive `flock` on `lockPath` (created if needed). The lock file is
    /// never replaced, so every process locks the same file even while the data file is.
    static func withLock<T>(_ lockPath: String, _ body: () throws -> T) throws -> T {
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure("open the lock file", lockPath) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw Failure("lock", lockPath) }
        }
        return try body()
    }

    /// The whole file, or `nil` when it does not exist.
    static func read(_ path: String) throws -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw Failure("read", path)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure("read", path)
            }
            if count == 0 { return bytes }
            bytes += buffer.prefix(count)
        }
    }

    /// Appends bytes and makes them durable. `header` is written first when the file is new or
    /// empty; a newline first when the file does not end with one (a torn last line stays apart).
    static func append(_ bytes: [UInt8], to path: String, header: [UInt8] = []) throws {
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure("open", path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure("inspect", path) }
        var data = bytes
        if status.st_size == 0 {
            data = header + bytes
        } else {
            var last: UInt8 = 0
            if pread(descriptor, &last, 1, off_t(status.st_size - 1)) == 1, last != 0x0A { data = [0x0A] + bytes }
        }
        try writeAll(data, to: descriptor, path: path)
        guard fsync(descriptor) == 0 else { throw Failure("flush", path) }
        if status.st_size == 0 { syncDirectory(of: path) }
    }

    /// Replaces the file's contents all at once: a temporary file, flushed (unless it is only a
    /// cache, `isDurable` false), renamed over it.
    static func replace(_ path: String, with bytes: [UInt8], isDurable: Bool = true) throws {
        let temporary = "\(path).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure("create", temporary) }
        do {
            try writeAll(bytes, to: descriptor, path: temporary)
            guard !isDurable || fsync(descriptor) == 0 else { throw Failure("flush", temporary) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let failure = Failure("replace", path)
            unlink(temporary)
            throw failure
        }
        if isDurable { syncDirectory(of: path) }
    }

    /// Removes the file (gone already is fine).
    static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw Failure("remove", path) }
        syncDirectory(of: path)
    }

    /// Creates a directory and its parents, private to the user.
    static func makeDirectory(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0, errno != EEXIST { throw Failure("create the directory", current) }
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure("write", path)
            }
            offset += written
        }
    }

    /// Flushes a directory's entries, so that a new or renamed file is there after a crash.
    private static func syncDirectory(of path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let descriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
