public import AcademyXML

/// One immutable, indexed snapshot of the academy's content: the catalog, every module with its
/// videos, captions and step plans, and lookups by id.
///
/// For example:
///
/// ```swift
/// let library = try await ContentLibrary.load(from: "Modules")
/// let video = library.video(id: "bordsessie-waarom")
/// ```
public struct ContentLibrary: Sendable {
    /// The content root the snapshot was read from.
    public let root: String
    /// The catalog.
    public let academy: Academy
    /// The modules in catalog order.
    public let modules: [Module]
    /// The warnings found while loading (a library with errors is not made).
    public let warnings: [Diagnostic]

    private let moduleIndex: [String: Int]
    private let videoIndex: [String: VideoAddress]
    private let stepPlanIndex: [String: StepAddress]
    private let stepIndex: [String: StepAddress]

    /// Where a video is: its module and its position there.
    public struct VideoAddress: Sendable, Hashable {
        /// The module's position in ``ContentLibrary/modules``.
        public var module: Int
        /// The video's position in the module.
        public var video: Int
    }

    /// Where a step (or step plan) is.
    public struct StepAddress: Sendable, Hashable {
        /// The module's position in ``ContentLibrary/modules``.
        public var module: Int
        /// The step plan's position in the module.
        public var stepPlan: Int
        /// The step's position in the step plan (0 for a step plan itself).
        public var step: Int
    }

    /// Creates a snapshot from a catalog and its modules, in catalog order.
    public init(root: String, academy: Academy, modules: [Module], warnings: [Diagnostic] = []) {
        self.root = root
        self.academy = academy
        self.modules = modules
        self.warnings = warnings
        var moduleIndex: [String: Int] = [:]
        var videoIndex: [String: VideoAddress] = [:]
        var stepPlanIndex: [String: StepAddress] = [:]
        var stepIndex: [String: StepAddress] = [:]
        for (m, module) in modules.enumerated() {
            moduleIndex[module.id] = m
            for (v, video) in module.videos.enumerated() { videoIndex[video.id] = VideoAddress(module: m, video: v) }
            for (p, plan) in module.stepPlans.enumerated() {
                stepPlanIndex[plan.id] = StepAddress(module: m, stepPlan: p, step: 0)
                for (s, step) in plan.steps.enumerated() { stepIndex[step.id] = StepAddress(module: m, stepPlan: p, step: s) }
            }
        }
        self.moduleIndex = moduleIndex
        self.videoIndex = videoIndex
        self.stepPlanIndex = stepPlanIndex
        self.stepIndex = stepIndex
    }

    /// Loads the content tree at `root`, reading modules in parallel.
    ///
    /// Throws ``ContentLoadError`` with every diagnostic when the tree has any error; warnings are
    /// kept in ``warnings``.
    public static func load(from root: String, options: ContentLoadOptions = ContentLoadOptions()) async throws(ContentLoadError) -> ContentLibrary {
        let report = await ContentValidator.validate(tree: root, options: options)
        guard let library = report.library, report.errorCount == 0 else {
            throw ContentLoadError(root: root, diagnostics: report.diagnostics)
        }
        return library
    }

    // MARK: - Lookups

    /// The module with this id.
    public func module(id: String) -> Module? {
        moduleIndex[id].map { modules[$0] }
    }

    /// The video with this id, in any module.
    public func video(id: String) -> Video? {
        videoIndex[id].map { modules[$0.module].videos[$0.video] }
    }

    /// Where the video with this id is.
    public func address(ofVideo id: String) -> VideoAddress? {
        videoIndex[id]
    }

    /// The step plan with this id, in any module.
    public func stepPlan(id: String) -> StepPlan? {
        stepPlanIndex[id].map { modules[$0.module].stepPlans[$0.stepPlan] }
    }

    /// The step with this id, in any module.
    public func step(id: String) -> Step? {
        stepIndex[id].map { modules[$0.module].stepPlans[$0.stepPlan].steps[$0.step] }
    }

    /// Where the step with this id is.
    public func address(ofStep id: String) -> StepAddress? {
        stepIndex[id]
    }

    /// The module that holds the video, step plan or step with this id.
    public func module(containing id: String) -> Module? {
        let index = videoIndex[id]?.module ?? stepPlanIndex[id]?.module ?? stepIndex[id]?.module
        return index.map { modules[$0] }
    }

    /// The track with this id.
    public func track(id: String) -> Track? {
        academy.track(id: id)
    }

    /// The modules of a track, in the track's order.
    public func modules(in track: Track) -> [Module] {
        track.moduleIDs.compactMap { module(id: $0) }
    }

    /// The path of a file that a module's manifest names by `src`, beside the manifest.
    public func pathBesideManifest(module: Module, src: String) -> String {
        ContentPaths.join([root, module.folder, src])
    }

    /// All ids of modules, videos, step plans and steps, for suggestions.
    public var allIDs: [String] {
        Array(moduleIndex.keys) + Array(videoIndex.keys) + Array(stepPlanIndex.keys) + Array(stepIndex.keys)
    }

    /// The number of videos in all modules.
    public var videoCount: Int { videoIndex.count }
    /// The number of step plans in all modules.
    public var stepPlanCount: Int { stepPlanIndex.count }
    /// The number of steps in all modules.
    public var stepCount: Int { stepIndex.count }
}

/// A content tree that has errors; ``diagnostics`` says what and where.
public struct ContentLoadError: Error, Sendable, CustomStringConvertible {
    /// The content root.
    public var root: String
    /// Every diagnostic, errors and warnings.
    public var diagnostics: [Diagnostic]

    /// The errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// A summary and the first errors.
    public var description: String {
        let shown = errors.prefix(20).map { "  \($0)" }.joined(separator: "\n")
        let more = errors.count > 20 ? "\n  … and \(errors.count - 20) more; run 'academy validate \(root)' for all" : ""
        return "the content in \(root) has \(errors.count) error\(errors.count == 1 ? "" : "s"):\n\(shown)\(more)"
    }
}

extension ContentLibrary {
    /// Where the file a module's manifest names by `src` is: the module's folder in the media
    /// directory first, then beside the manifest. `nil` when it is in neither.
    public func locateFile(_ src: String, in module: Module, mediaDirectory: String?) -> String? {
        MediaChecker.locate(src, moduleID: module.id, folder: module.folder, mediaDirectory: mediaDirectory, paths: ContentPaths(root: root))
    }
}
