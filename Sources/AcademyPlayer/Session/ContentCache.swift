public import AcademyContent

#if canImport(Glibc)
import Glibc
#endif

/// The loaded content, kept in a binary file so the player starts fast: reading and validating
/// 2,000 manifests and 10,000 captions files takes most of a second, reading them back from here a
/// fraction of that.
///
/// The cache is only used while it matches the content exactly: its key is a fingerprint of every
/// file under the content root (name, size, modification time to the nanosecond, inode) and of the
/// `academy` executable itself (a new version may read content differently). Any change, and the
/// content is loaded and validated as without a cache. Only content without errors is cached, and
/// a cache that cannot be read is only a slower start.
public struct ContentCache: Sendable {
    /// The directory of the cache files.
    public var directory: String

    /// Creates a cache in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The cache of the user: `$XDG_CACHE_HOME/academy`, else `~/.cache/academy`.
    public static func standard(environment: [String: String]) -> ContentCache? {
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty { return ContentCache(directory: cache + "/academy") }
        if let home = environment["HOME"], !home.isEmpty { return ContentCache(directory: home + "/.cache/academy") }
        return nil
    }

    /// The content at `root`: from the cache when it matches, else loaded (and then cached).
    /// Throws ``ContentLoadError`` as ``ContentLibrary/load(from:options:)`` does.
    public func library(at root: String) async throws(ContentLoadError) -> ContentLibrary {
        let path = file(for: root)
        // The tree is fingerprinted while the cache is read: on two cores, together they take as
        // long as the slower of the two.
        async let current = Fingerprint.of(root: root)
        let cached = await read(path, root: root)
        guard let fingerprint = await current else { return try await ContentLibrary.load(from: root) }
        if let cached, cached.fingerprint == fingerprint { return cached.library }
        let library = try await ContentLibrary.load(from: root)
        write(library, to: path, fingerprint: fingerprint)
        return library
    }

    /// The cache file of a content root.
    func file(for root: String) -> String {
        var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let absolute =
            realpath(root, &resolved) != nil ? String(decoding: resolved.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : root
        return "\(directory)/content-\(String(Fingerprint.hash(Array(absolute.utf8)), radix: 16)).cache"
    }

    private static let magic = Array("academy content cache\n".utf8)

    /// The library in a cache file, and the fingerprint of the tree it was made from.
    func read(_ path: String, root: String) async -> (library: ContentLibrary, fingerprint: UInt64)? {
        // Mapped rather than read: the decoder touches each byte once, and nothing is copied.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        let size = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        let header = Self.magic.count + 4 + 8
        guard size > header, let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            close(descriptor)
            return nil
        }
        close(descriptor)
        defer { munmap(mapped, size) }
        let bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size)
        guard bytes.prefix(Self.magic.count).elementsEqual(Self.magic) else { return nil }
        var version: UInt32 = 0
        for index in 0..<4 { version |= UInt32(bytes[Self.magic.count + index]) << (8 * UInt32(index)) }
        var stored: UInt64 = 0
        for index in 0..<8 { stored |= UInt64(bytes[Self.magic.count + 4 + index]) << (8 * UInt64(index)) }
        guard version == LibraryCodec.version,
            let library = try? await LibraryCodec.decode(LibraryCodec.ByteView(buffer: bytes), from: header, root: root)
        else { return nil }
        return (library, stored)
    }

    func write(_ library: ContentLibrary, to path: String, fingerprint: UInt64) {
        var bytes = Self.magic
        withUnsafeBytes(of: LibraryCodec.version.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: fingerprint.littleEndian) { bytes.append(contentsOf: $0) }
        bytes += LibraryCodec.encode(library)
        guard Self.makeDirectory(directory) else { return }
        let temporary = "\(path).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { break }
            offset += written
        }
        close(descriptor)
        // Another player may write the same cache at the same time: each renames a whole file.
        if offset != bytes.count || rename(temporary, path) != 0 { unlink(temporary) }
    }

    private static func makeDirectory(_ path: String) -> Bool {
        var current = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            current +=
                current.isEmpty && path.hasPrefix("/") && component.isEmpty ? "/" : (current.hasSuffix("/") || current.isEmpty ? "" : "/") + component
            if component.isEmpty { continue }
            if mkdir(current, 0o700) != 0, errno != EEXIST { return false }
        }
        return true
    }
}

/// A fingerprint of a content tree and of the running program.
enum Fingerprint {
    /// Every file's and folder's path, size, modification time (to the nanosecond), inode and mode
    /// under `root`, and the executable's, hashed; `nil` when the tree cannot be read. Entries are
    /// combined by a sum of their hashes, so the order a directory lists them in does not matter.
    static func of(root: String) -> UInt64? {
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 || stat(CommandLine.arguments[0], &status) == 0 else { return nil }
        var total = finish(hash(status, seed: 0x9E37_79B9_7F4A_7C15))
        let top = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard top >= 0 else { return nil }
        // Directories still to read: their descriptor and the hash of their path.
        var pending: [(descriptor: Int32, path: UInt64)] = [(top, 0xCBF2_9CE4_8422_2325)]
        while let (descriptor, pathHash) = pending.popLast() {
            guard let directory = fdopendir(descriptor) else {
                close(descriptor)
                for (other, _) in pending { close(other) }
                return nil
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let ok = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                    tuple.withMemoryRebound(to: CChar.self, capacity: 256) { name -> Bool in
                        let length = strlen(name)
                        if (length == 1 && name[0] == 0x2E) || (length == 2 && name[0] == 0x2E && name[1] == 0x2E) { return true }
                        var entryStatus = stat()
                        guard fstatat(descriptor, name, &entryStatus, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
                        let nameHash = name.withMemoryRebound(to: UInt8.self, capacity: length) {
                            fnv(UnsafeBufferPointer(start: $0, count: length), seed: pathHash)
                        }
                        let kind = entryStatus.st_mode & S_IFMT
                        if kind == S_IFDIR {
                            let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                            guard child >= 0 else { return false }
                            pending.append((child, nameHash))
                        } else if kind == S_IFLNK {
                            // A link counts by what it points to (a link out of the tree is a content error anyway).
                            var target = stat()
                            if fstatat(descriptor, name, &target, 0) == 0 { entryStatus = target }
                        }
                        total &+= finish(hash(entryStatus, seed: nameHash))
                        return true
                    }
                }
                guard ok else {
                    for (other, _) in pending { close(other) }
                    return nil
                }
            }
        }
        return total
    }

    /// FNV-1a of bytes.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { fnv($0, seed: 0xCBF2_9CE4_8422_2325) }
    }

    private static func fnv(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var state = seed
        for byte in bytes {
            state ^= UInt64(byte)
            state = state &* 0x100_0000_01B3
        }
        return state
    }

    private static func hash(_ status: stat, seed: UInt64) -> UInt64 {
        var state = seed
        for value in [
            UInt64(bitPattern: Int64(status.st_size)), UInt64(bitPattern: Int64(status.st_mtim.tv_sec)),
            UInt64(bitPattern: Int64(status.st_mtim.tv_nsec)), UInt64(status.st_ino), UInt64(status.st_mode),
        ] {
            state = (state ^ value) &* 0x100_0000_01B3
            state ^= state >> 29
        }
        return state
    }

    /// A bit mixer (splitmix64's), so that a sum of hashes stays a good hash.
    private static func finish(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
