import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The file operations the store is built on, each durable and each failure a ``StoreError`` that
/// names the file: atomic replacement, durable appends, locks, and setting corrupt files aside.
enum StoreFiles {
    static let directoryMode: mode_t = 0o700
    static let fileMode: mode_t = 0o600

    static func error(_ code: Int32, _ path: String, doing action: String) -> StoreError {
        switch code {
        case EROFS, EACCES, EPERM:
            StoreError(
                code: "D003",
                message: "cannot \(action): the data directory is not writable (\(String(cString: strerror(code)))); "
                    + "make it writable for this user, or choose another with --data",
                path: path
            )
        case ENOSPC, EDQUOT:
            StoreError(code: "D004", message: "cannot \(action): the disk is full; free some space and try again", path: path)
        default:
            StoreError(code: "D008", message: "cannot \(action): \(String(cString: strerror(code)))", path: path)
        }
    }

    /// Creates `path` (and missing parents) as private directories.
    static func makeDirectory(_ path: String) throws(StoreError) {
        var status = stat()
        if stat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw StoreError(code: "D008", message: "this should be a directory but is a file: move it away", path: path)
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeDirectory(parent) }
        if mkdir(path, directoryMode) != 0, errno != EEXIST { throw error(errno, path, doing: "create the directory") }
        chmod(path, directoryMode)
    }

    /// The whole file, `nil` when it does not exist.
    static func read(_ path: String) throws(StoreError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw error(errno, path, doing: "read the file")
        }
        defer { close(descriptor) }
        return try readAll(descriptor, path: path)
    }

    /// Everything from the descriptor's current position to the end.
    static func readAll(_ descriptor: Int32, path: String) throws(StoreError) -> [UInt8] {
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw StoreError(code: "D001", message: "this is a directory where a file belongs", path: path)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw error(errno, path, doing: "read the file")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    /// Replaces `path` with `bytes` so that a crash leaves the old or the new file, never a mix:
    /// write a temporary file, flush it to disk, rename it over the old one, flush the directory.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(StoreError) {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { throw error(errno, path, doing: "write the file") }
        do throws(StoreError) {
            try writeAll(descriptor, bytes, path: path)
            guard fsync(descriptor) == 0 else { throw error(errno, path, doing: "flush the file to disk") }
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw error(code, path, doing: "replace the file")
        }
        try syncDirectory(of: path)
    }

    /// Flushes a directory entry change (a new or renamed file) to disk.
    static func syncDirectory(of path: String) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        if fsync(descriptor) != 0, errno != EINVAL { throw error(errno, directory, doing: "flush the directory to disk") }
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw error(errno, path, doing: "write the file")
            }
            offset += written
        }
    }

    /// Appends `bytes` and flushes them to disk; on any failure the file is cut back to its old
    /// length, so no partial line stays behind.
    static func appendDurably(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        let start = lseek(descriptor, 0, SEEK_END)
        guard start >= 0 else { throw error(errno, path, doing: "append to the file") }
        do throws(StoreError) {
            try writeAll(descriptor, bytes, path: path)
            guard fdatasync(descriptor) == 0 else { throw error(errno, path, doing: "flush the file to disk") }
        } catch {
            _ = ftruncate(descriptor, start)
            throw error
        }
    }

    /// Moves a corrupt or foreign file (or directory) into `corrupt/` beside the store's files, never
    /// overwriting it, and returns where it went.
    static func moveAside(_ path: String, dataDirectory: String) throws(StoreError) -> String {
        let corrupt = dataDirectory + "/corrupt"
        try makeDirectory(corrupt)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let name = (path as NSString).lastPathComponent
        var target = "\(corrupt)/\(stamp)-\(name)"
        var attempt = 1
        while access(target, F_OK) == 0 {
            attempt += 1
            target = "\(corrupt)/\(stamp)-\(attempt)-\(name)"
        }
        guard rename(path, target) == 0 else { throw error(errno, path, doing: "move the corrupt file aside") }
        try syncDirectory(of: path)
        return target
    }
}

/// An exclusive `flock` on the store's lock file: it keeps two processes (a server and a terminal
/// player) from interleaving their writes.
final class FileLock: @unchecked Sendable {
    // @unchecked: the descriptor is set once in init and only used by flock, which is thread-safe.
    private let descriptor: Int32
    let path: String

    init(path: String) throws(StoreError) {
        self.path = path
        var opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, StoreFiles.fileMode)
        if opened < 0 {
            // A read-only directory: reading still works, locking a read-only descriptor.
            opened = open(path, O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else { throw StoreFiles.error(errno, path, doing: "open the lock file") }
        }
        descriptor = opened
    }

    deinit { close(descriptor) }

    /// Runs `body` holding the lock exclusively.
    func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw StoreFiles.error(errno, path, doing: "lock the data directory") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
