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
        Self.join([root] + components)
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
        for part in parts where !part.isEmpty {
            if result.isEmpty || result.hasSuffix("/") {
                result += part
            } else {
                result += "/" + part
            }
        }
        return result
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
