import AcademyContent
import Logging
import Synchronization

/// The content being served. Reloading replaces the snapshot atomically; an invalid new tree is
/// refused with its diagnostics logged, and the old one keeps serving.
public final class ContentState: Sendable {
    private let current: Mutex<ContentSnapshot>
    private let modulesPath: String
    private let mediaPath: String
    private let isPublic: Bool
    private let logger: Logger

    init(snapshot: ContentSnapshot, modulesPath: String, mediaPath: String, isPublic: Bool, logger: Logger) {
        current = Mutex(snapshot)
        self.modulesPath = modulesPath
        self.mediaPath = mediaPath
        self.isPublic = isPublic
        self.logger = logger
    }

    /// The snapshot to answer this request from.
    public var snapshot: ContentSnapshot { current.withLock { $0 } }

    /// Loads the content tree again; keeps the old snapshot when the new tree has errors.
    /// Returns whether the new content is now served.
    @discardableResult
    public func reload() async -> Bool {
        do {
            let library = try await ContentLibrary.load(from: modulesPath)
            let snapshot = try ContentSnapshot(library: library, mediaDirectory: mediaPath, isPublic: isPublic)
            current.withLock { $0 = snapshot }
            logger.info("content reloaded", metadata: ["modules": "\(library.modules.count)", "videos": "\(library.videoCount)"])
            return true
        } catch let error as ContentLoadError {
            for diagnostic in error.errors.prefix(50) {
                logger.error("content reload refused", metadata: ["diagnostic": "\(diagnostic)"])
            }
            logger.error(
                "the new content has errors; still serving the previous content",
                metadata: ["errors": "\(error.errors.count)", "fix": "run 'academy validate \(modulesPath)'"]
            )
            return false
        } catch {
            logger.error("content reload failed; still serving the previous content", metadata: ["error": "\(error)"])
            return false
        }
    }
}
