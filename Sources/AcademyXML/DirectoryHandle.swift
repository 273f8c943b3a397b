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
}
