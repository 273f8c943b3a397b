import AcademyContent
import Foundation
import Hummingbird
import NIOCore
import Metrics
public import Prometheus

/// `/healthz` (the process answers), `/readyz` (content and store are loaded) and `/metrics`
/// (Prometheus text).
struct OperationsController {
    let content: ContentState

    func add(to router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/readyz") { _, _ in
            let snapshot = content.snapshot
            let body = """
                {"status":"ready","modules":\(snapshot.library.modules.count),"videos":\(snapshot.library.videoCount),\
                "contentLoadedAt":"\(ISO8601DateFormatter().string(from: snapshot.loadedAt))"}

                """
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/metrics") { _, _ in
            var output: [UInt8] = []
            AcademyMetrics.registry.emit(into: &output)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: output))
            )
        }
    }
}

/// The Prometheus registry behind swift-metrics, set up once per process.
public enum AcademyMetrics {
    /// The registry `/metrics` shows.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
