internal import CAcademyXMLSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files with a size cap, turning every way a read can fail into a ``Diagnostic``.
///
/// It uses POSIX calls directly: the validator reads thousands of small files and Foundation's
/// `Data(contentsOf:)` costs more than the parse of a small manifest.
public enum FileContents {
    /// The largest file the academy reads: 8 MiB, far above any manifest or captions file.
    public static let defaultSizeLimit = 8 << 20

    /// How a read treats symbolic links along the path.
    public enum Links: Sendable {
        /// Links are followed.
        case followed
        /// The file itself must not be a link (`O_NOFOLLOW`); folders along the path may be.
        case refusedAtEnd
        /// No folder along the path, nor the file, may be a link (Linux's `openat2`). Where the
        /// kernel cannot tell, the read fails with ``FileError/Reason/other(_:)``: the caller then
        /// checks the path another way.
        case refusedAnywhere
    }

    /// The bytes of the file at `path`, or a diagnostic that says why they cannot be read.
    ///
    /// A relative `path` is taken from `directory` when one is given. `displayPath` is the path
    /// shown to the user in diagnostics.
    public static func read(
        _ path: String,
        in directory: DirectoryHandle? = nil,
        displayPath: String? = nil,
        sizeLimit: Int = defaultSizeLimit,
        links: Links = .followed
    ) -> Result<[UInt8], FileError> {
        let shown = displayPath ?? path
        // `withCString` lends a native string's own bytes; passing the string to `open` copies them.
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it changes nothing for files.
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK
        let descriptor = path.withCString { path in
            switch links {
            case .followed: openat(directory?.descriptor ?? AT_FDCWD, path, flags)
            case .refusedAtEnd: openat(directory?.descriptor ?? AT_FDCWD, path, flags | O_NOFOLLOW)
            case .refusedAnywhere: academy_open_without_links(directory?.descriptor ?? AT_FDCWD, path, flags)
            }
        }
        guard descriptor >= 0 else {
            let code = errno
            return .failure(code == ELOOP && links != .followed ? FileError(.symbolicLink, path: shown) : FileError(errno: code, path: shown))
        }
        defer { close(descriptor) }
        // Read first, ask later: a regular file answers short only at its end, so a first read that
        // is neither failed, empty nor full holds the whole file, and thousands of captions files
        // cost one read each, without an fstat. Anything else (a directory, a device, a pipe, a
        // large or empty file) is looked at with fstat, as it must be.
        let probe = min(16 * 1024, sizeLimit + 1)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: probe) { buffer, count in
            while true {
                let got = posixRead(descriptor, buffer.baseAddress!, probe)
                if got < 0, errno == EINTR { continue }
                if got < 0 { failure = errno } else { count = got }
                break
            }
        }
        if failure == 0, !bytes.isEmpty, bytes.count < probe { return .success(bytes) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return .failure(FileError(errno: errno, path: shown))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            return .failure(FileError(.isDirectory, path: shown))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            return .failure(FileError(.notRegularFile, path: shown))
        }
        let size = Int(status.st_size)
        guard size <= sizeLimit else {
            return .failure(FileError(.tooLarge(size: size, limit: sizeLimit), path: shown))
        }
        if failure != 0 { return .failure(FileError(errno: failure, path: shown)) }
        // The rest, up to the end (a file may have grown since fstat), but never past the limit.
        bytes.reserveCapacity(size + 1)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let got = chunk.withUnsafeMutableBytes { posixRead(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(FileError(errno: errno, path: shown))
            }
            if got == 0 { break }
            bytes += chunk[0..<got]
            guard bytes.count <= sizeLimit else {
                return .failure(FileError(.tooLarge(size: bytes.count, limit: sizeLimit), path: shown))
            }
        }
        return .success(bytes)
    }
}

private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}

/// Why a file could not be read.
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Reason: Sendable, Hashable {
        case missing
        case symbolicLink
        case isDirectory
        case notRegularFile
        case permissionDenied
        case tooLarge(size: Int, limit: Int)
        case other(String)
    }

    /// What went wrong.
    public var reason: Reason
    /// The path as shown to the user.
    public var path: String

    /// Creates an error.
    public init(_ reason: Reason, path: String) {
        self.reason = reason
        self.path = path
    }

    init(errno code: Int32, path: String) {
        switch code {
        case ENOENT, ENOTDIR: self.init(.missing, path: path)
        case EACCES, EPERM: self.init(.permissionDenied, path: path)
        case EISDIR: self.init(.isDirectory, path: path)
        default: self.init(.other(String(cString: strerror(code))), path: path)
        }
    }

    /// The stable diagnostic code: `F001` missing, `F002` not a regular file, `F003` unreadable,
    /// `X003` too large.
    public var code: String {
        switch reason {
        case .missing: "F001"
        case .isDirectory, .notRegularFile, .symbolicLink: "F002"
        case .permissionDenied, .other: "F003"
        case .tooLarge: "X003"
        }
    }

    /// What went wrong and how to fix it.
    public var message: String {
        switch reason {
        case .missing:
            "file not found: create it, or correct the path that refers to it"
        case .symbolicLink:
            "this is a symbolic link where a plain file is required: replace it with the file itself"
        case .isDirectory:
            "this is a directory, but a file is expected here: move the directory away and put the file in its place"
        case .notRegularFile:
            "this is not a regular file (a device, socket or pipe): replace it with a regular file"
        case .permissionDenied:
            "permission denied: make the file readable for the user that runs academy (chmod a+r)"
        case let .tooLarge(size, limit):
            "file is \(size) bytes, over the limit of \(limit) bytes: split the content or remove what does not belong in it"
        case let .other(text):
            "cannot read the file: \(text)"
        }
    }

    /// The error as a diagnostic at the file.
    public var diagnostic: Diagnostic {
        Diagnostic(.error, code: code, message, at: SourceLocation(file: path))
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
