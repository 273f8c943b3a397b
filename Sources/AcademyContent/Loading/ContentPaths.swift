import AcademyXML

#if canImport(Glibc)
import Glibc
#endif

/// The paths of one content tree: where files really are, how to show them to the user, and
/// whether a path leads outside the tree through a symbolic link.
struct ContentPaths: Sendable {
    /// The content root as the user gave it ("Modules"); paths under it are shown the same way.
    let root: String
    /// The content root with every symbolic link resolved.
    let resolvedRoot: String

    init(root: String) {
        self.root = root
        self.resolvedRoot = Self.resolve(root) ?? root
    }

    /// `components` under the root, as a path to open and to show in diagnostics.
    func path(_ components: String...) -> String {
        var result = ""
        result.reserveCapacity(components.reduce(root.utf8.count + components.count) { $0 + $1.utf8.count })
        Self.append(root, to: &result)
        for component in components { Self.append(component, to: &result) }
        return result
    }

    /// `component` in `folder` under the root: ``path(_:)`` for the common case of two, without
    /// the array a variadic call builds.
    func path(_ folder: String, _ component: String) -> String {
        var result = ""
        result.reserveCapacity(root.utf8.count + folder.utf8.count + component.utf8.count + 2)
        Self.append(root, to: &result)
        Self.append(folder, to: &result)
        Self.append(component, to: &result)
        return result
    }

    /// The folders of a relative path as `split(separator: "/").dropLast().joined(separator: "/")`
    /// gives them (`a/b` for `a/b/c.vtt`), without building the components for a plain ASCII path.
    static func directoryPart(of path: String) -> String {
        let plain: String?? = path.utf8.withContiguousStorageIfAvailable { bytes in
            var lastSlash: Int?
            var previousWasSlash = true
            for offset in bytes.indices {
                let byte = bytes[offset]
                // A leading or doubled slash makes an empty component, which `split` drops;
                // non-ASCII text is split by characters. Both take the general way.
                if byte >= 0x80 || (byte == 0x2F && previousWasSlash) { return nil }
                previousWasSlash = byte == 0x2F
                if previousWasSlash { lastSlash = offset }
            }
            // So does a trailing slash.
            if previousWasSlash { return nil }
            guard let lastSlash else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<lastSlash]), as: UTF8.self)
        }
        if let plain, let plain { return plain }
        return path.split(separator: "/").dropLast().joined(separator: "/")
    }

    /// A `C016` finding when the path of `components` under the root passes through a symbolic
    /// link that leads outside the root. Only links are resolved, so a plain tree costs one
    /// `lstat` per component.
    func escapeFinding(for components: [String], shownAs shown: String, line: Int? = nil, manifest: String? = nil) -> Finding? {
        var path = root
        for component in components.flatMap({ $0.split(separator: "/").map(String.init) }) {
            path = Self.join([path, component])
            var status = stat()
            guard lstat(path, &status) == 0 else { return nil }
            guard (status.st_mode & S_IFMT) == S_IFLNK else { continue }
            guard let target = Self.resolve(path) else { return nil }
            if target != resolvedRoot, !target.hasPrefix(resolvedRoot + "/") {
                let message = "\(shown) is a symbolic link to \(target), outside the content root \(root): "
                    + "copy the file into the content tree instead of linking to it"
                return Finding(.error, "C016", message, file: manifest ?? shown, line: line, anchor: line == nil ? nil : .attribute("src", value: nil))
            }
        }
        return nil
    }

    static func join(_ parts: [String]) -> String {
        var result = ""
        result.reserveCapacity(parts.reduce(parts.count) { $0 + $1.utf8.count })
        for part in parts { append(part, to: &result) }
        return result
    }

    /// Appends `part` to a path, with a slash between them unless the path is empty or already ends in one.
    private static func append(_ part: String, to result: inout String) {
        guard !part.isEmpty else { return }
        // The byte test first: `hasSuffix` compares characters and is only needed when it could be true.
        if !result.isEmpty, !(result.utf8.last == 0x2F && result.hasSuffix("/")) {
            result.append("/")
        }
        result.append(part)
    }

    static func resolve(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// Whether `path` names an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether `path` names an existing file or directory.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// The names of the folders in a directory, without hidden ones, sorted. The entry type from
    /// `readdir` saves a `stat` per entry; links and unknown types are checked with `stat`.
    static func subdirectories(of path: String) -> [String] {
        subdirectoryEntries(of: path).map(\.name)
    }

    /// The folders in a directory as ``subdirectories(of:)`` finds them, each with whether it is a
    /// plain directory (not a symbolic link to one).
    static func subdirectoryEntries(of path: String) -> [(name: String, isPlain: Bool)] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [(name: String, isPlain: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): names.append((name, true))
            case Int32(DT_LNK), Int32(DT_UNKNOWN): if isDirectory(join([path, name])) { names.append((name, false)) }
            default: break
            }
        }
        return names.sorted { $0.name < $1.name }
    }
}
