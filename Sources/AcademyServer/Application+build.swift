import AcademyContent
public import AcademyProgress
public import Hummingbird
public import Logging
import HummingbirdCore
import NIOCore
import ServiceLifecycle
import UnixSignals

/// Builds the academy's HTTP server from its configuration: content loaded and indexed, the
/// progress store opened, every route mounted. Tests build the real application with it.
///
/// For example:
///
/// ```swift
/// let app = try await buildApplication(ServerConfiguration(dataPath: "/tmp/academy"))
/// try await app.runService()   // until SIGTERM or SIGINT
/// ```
public func buildApplication(
    _ configuration: ServerConfiguration,
    logger: Logger? = nil,
    onReady: @escaping @Sendable (ServerReady) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "academy")
    logger.logLevel = configuration.logLevel
    _ = AcademyMetrics.registry

    let library: ContentLibrary
    do {
        library = try await ContentLibrary.load(from: configuration.modulesPath)
    } catch {
        throw ServerError("cannot serve the content in \(configuration.modulesPath): \(error)")
    }
    let store = try await JSONFileProgressStore(directory: configuration.dataPath) { [logger] issue in
        logger.warning("progress store: \(issue.message)", metadata: ["path": "\(issue.path)", "severity": "\(issue.severity)"])
    }
    let learners = try await store.learners()
    let hasAccounts = learners.contains { $0.id != ProgressService.localLearnerID || !$0.tokens.isEmpty }
    if !configuration.isLoopback, !hasAccounts {
        throw ServerError(
            "refusing to listen on \(configuration.host) without learner accounts: anyone on the network could use it. "
                + "Add an account first (academy learners add ID --name NAME --team TEAM --role admin --data \(configuration.dataPath)), "
                + "or listen on 127.0.0.1"
        )
    }
    let snapshot = try ContentSnapshot(library: library, mediaDirectory: configuration.mediaPath, isPublic: configuration.isContentPublic)
    let content = ContentState(
        snapshot: snapshot,
        modulesPath: configuration.modulesPath,
        mediaPath: configuration.mediaPath,
        isPublic: configuration.isContentPublic,
        logger: logger
    )
    let accounts = AccountDirectory(store: store)
    let limiter = FailedSignInLimiter(limit: configuration.failedAuthenticationsPerMinute)
    let router = buildRouter(configuration, content: content, store: store, accounts: accounts, limiter: limiter)
    let ready = ServerReady(content: content, store: store)
    // Request logs at `info` are written by Hummingbird's path, so then every request takes it.
    let fastPath =
        configuration.logLevel > .info
        ? FastPath(content: content, accounts: accounts, limiter: limiter, isPublic: configuration.isContentPublic, isLoopback: configuration.isLoopback)
        : nil
    return Application(
        router: router,
        server: HTTPServerBuilder { responder in
            AcademyHTTPChannel(inner: HTTP1Channel(responder: responder, configuration: .init()), fastPath: fastPath)
        },
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "academy"),
        services: [ContentReloadService(content: content), StoreFlushService(store: store)],
        onServerRunning: { channel in
            var ready = ready
            ready.port = channel.localAddress?.port ?? configuration.port
            ready.url = "http://\(configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host):\(ready.port)"
            await onReady(ready)
        },
        logger: logger
    )
}

/// Mounts the routes: `/api/v1/…` (content and progress), `/media/…`, and the operations endpoints.
func buildRouter(
    _ configuration: ServerConfiguration,
    content: ContentState,
    store: any ProgressStore,
    accounts: AccountDirectory,
    limiter: FailedSignInLimiter
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let routes = RouteTable()
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ProblemMiddleware(routes: routes))
    router.add(middleware: BodyLimitMiddleware(limit: configuration.maximumBodySize))
    OperationsController(content: content).add(to: router)
    let authenticated = router.group().add(
        middleware: AuthenticationMiddleware(
            accounts: accounts,
            limiter: limiter,
            service: { ProgressService(library: content.snapshot.library, store: store) },
            isLoopback: configuration.isLoopback
        )
    )
    authenticated.addRoutes(ContentController(content: content, isPublic: configuration.isContentPublic).endpoints, atPath: "/api/v1")
    authenticated.addRoutes(ProgressController(content: content, store: store).endpoints, atPath: "/api/v1")
    let media = MediaController(content: content)
    let mediaRoutes = RouteCollection(context: AppRequestContext.self)
    mediaRoutes.add(middleware: ContentAccessMiddleware(isPublic: configuration.isContentPublic))
    mediaRoutes.addRoutes(media.endpoints)
    authenticated.addRoutes(mediaRoutes, atPath: "/media")
    routes.load(from: router)
    return router
}

/// What the server knows once it listens: where, and the state tests and tools may inspect.
public struct ServerReady: Sendable {
    /// The content being served.
    public let content: ContentState
    /// The progress store.
    public let store: any ProgressStore
    /// The port listened on.
    public var port = 0
    /// The base URL, such as `http://127.0.0.1:8080`.
    public var url = ""
}

/// The server cannot start; the message says why and what to do.
public struct ServerError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Sets the request body limit on the context (Hummingbird answers 413 beyond it).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.maximumBodySize = limit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem(.contentTooLarge, "the request body is \(length) bytes, over the limit of \(limit): send less (events in batches)", code: "too-large")
        }
        return try await next(request, context)
    }
}

/// Media need a signed-in learner unless content is public.
struct ContentAccessMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let isPublic: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if !isPublic { _ = try context.requireLearner() }
        return try await next(request, context)
    }
}

/// Reloads the content on SIGHUP; an invalid new tree leaves the old one serving.
struct ContentReloadService: Service {
    let content: ContentState

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            await content.reload()
        }
    }
}

/// On graceful shutdown (after in-flight requests finish), waits for the store's last writes.
struct StoreFlushService: Service {
    let store: any ProgressStore

    func run() async throws {
        try? await gracefulShutdown()
        try await store.close()
    }
}
