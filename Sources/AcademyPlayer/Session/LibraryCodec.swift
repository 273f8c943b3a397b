import AcademyContent

/// A compact binary form of a ``ContentLibrary``'s catalog and modules, for ``ContentCache``: far
/// faster to read than parsing and validating thousands of manifests and captions files again.
///
/// Strings are a length and UTF-8 bytes, numbers are little-endian or variable-length, lists
/// a count and their items. Reading checks every length against the bytes there are, and throws on
/// anything malformed, so a damaged cache is only ever a slower start.
enum LibraryCodec {
    /// Written first; a cache with another version is not read.
    static let version: UInt32 = 2

    /// The catalog, the number of modules and where each starts (8 bytes each, from the start of
    /// the first), then the modules: so parts of them can be read in parallel.
    static func encode(_ library: ContentLibrary) -> [UInt8] {
        var writer = Writer()
        writer.academy(library.academy)
        writer.count(library.modules.count)
        var body = Writer()
        var offsets: [UInt64] = []
        for module in library.modules {
            offsets.append(UInt64(body.bytes.count))
            body.module(module)
        }
        for offset in offsets { withUnsafeBytes(of: offset.littleEndian) { writer.bytes.append(contentsOf: $0) } }
        return writer.bytes + body.bytes
    }

    /// The library in `bytes` from `start`, its modules read in `parts` tasks at once.
    static func decode(
        _ bytes: [UInt8],
        from start: Int = 0,
        root: String,
        parts: Int = ContentLoadOptions.defaultConcurrency
    ) async throws(CacheError) -> ContentLibrary {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        defer { copy.deallocate() }
        _ = copy.initialize(from: bytes)
        return try await decode(ByteView(buffer: UnsafeBufferPointer(rebasing: copy[0..<bytes.count])), from: start, root: root, parts: parts)
    }

    /// The library in `bytes` (which stay valid and unchanged until this returns) from `start`.
    static func decode(
        _ bytes: ByteView,
        from start: Int = 0,
        root: String,
        parts: Int = ContentLoadOptions.defaultConcurrency
    ) async throws(CacheError) -> ContentLibrary {
        var header = Reader(buffer: bytes.buffer, offset: start)
        let academy = try header.academy()
        let count = try header.count()
        var offsets: [Int] = []
        offsets.reserveCapacity(count + 1)
        for _ in 0..<count { offsets.append(Int(try header.fixed())) }
        let body = header.offset
        let end = bytes.buffer.count - body
        guard offsets.allSatisfy({ $0 >= 0 && $0 <= end }), zip(offsets, offsets.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw CacheError()
        }
        let bounds = offsets + [end]
        let chunk = max(1, (offsets.count + parts - 1) / max(1, parts))
        let ranges = stride(from: 0, to: offsets.count, by: chunk).map { $0..<min(offsets.count, $0 + chunk) }
        let decoded = await withTaskGroup(of: (Int, [Module]?).self) { group in
            for (index, range) in ranges.enumerated() {
                group.addTask {
                    var modules: [Module] = []
                    modules.reserveCapacity(range.count)
                    for module in range {
                        var reader = Reader(
                            buffer: UnsafeBufferPointer(rebasing: bytes.buffer[(body + bounds[module])..<(body + bounds[module + 1])])
                        )
                        guard let read = try? reader.module(), reader.isAtEnd else { return (index, nil) }
                        modules.append(read)
                    }
                    return (index, modules)
                }
            }
            var parts = [[Module]?](repeating: nil, count: ranges.count)
            for await (index, modules) in group { parts[index] = modules }
            return parts
        }
        var modules: [Module] = []
        modules.reserveCapacity(offsets.count)
        for part in decoded {
            guard let part else { throw CacheError() }
            modules += part
        }
        return ContentLibrary(root: root, academy: academy, modules: modules)
    }

    /// Bytes to decode, shared by the tasks that read them.
    struct ByteView: @unchecked Sendable {
        // Unchecked: the memory is only read, and whoever made the view keeps it alive and
        // unchanged until the decode that uses it returns.
        let buffer: UnsafeBufferPointer<UInt8>
    }

    /// A cache that cannot be read.
    struct CacheError: Error {}
}
