#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open directory, to read the files under it by paths relative to it: the kernel then walks
/// only the rest of each path, not the whole path from the root again for every file.
///
/// ```swift
/// if let folder = DirectoryHandle(path: "Modules/01-intro") {
///     let bytes = FileContents.read("captions/intro.nl.vtt", in: folder, displayPath: "Modules/01-intro/captions/intro.nl.vtt")
/// }
/// ```
public final class DirectoryHandle: Sendable {
    let descriptor: Int32

    /// Opens the directory at `path` (following links), or returns `nil` when it cannot.
    public init?(path: String) {
        let descriptor = path.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Whether any folder or file along the relative `path` (`a`, `a/b`, … `path`) might be a
    /// symbolic link: `true` for a link, and for anything that cannot be looked at, so that the
    /// caller checks the path thoroughly; `false` only when every step is plainly not a link.
    public func mayHaveLink(along path: String) -> Bool {
        var prefix: [UInt8] = []
        prefix.reserveCapacity(path.utf8.count + 1)
        for byte in path.utf8 + [0x2F] {
            if byte == 0x2F, !prefix.isEmpty {
                prefix.append(0)
                var status = stat()
                let result = prefix.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        fstatat(descriptor, $0, &status, AT_SYMLINK_NOFOLLOW)
                    }
                }
                guard result == 0, (status.st_mode & S_IFMT) != S_IFLNK else { return true }
                prefix.removeLast()
            }
            prefix.append(byte)
        }
        return false
    }
}
