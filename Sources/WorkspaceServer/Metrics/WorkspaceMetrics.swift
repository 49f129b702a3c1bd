import Foundation
import Prometheus
import WorkspaceCore

/// The numbers `GET /metrics` exposes in the Prometheus text format: requests and their latency per route (recorded
/// as they happen), and, measured at each scrape, open streams, gateway up/down, pending approvals, cron jobs due and
/// failed, and how long a representative `state.db` read takes. Its own registry: nothing global is bootstrapped.
final class WorkspaceMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(10),
    ]

    /// An empty set of metrics.
    init() {}

    /// Counts one answered request and records how long it took.
    func request(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "hermes_workspace", metricName: "http_requests", unitName: "total",
                helpText: "HTTP requests answered, by route template, method and status."),
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "hermes_workspace", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time to answer a request (until the head is sent for streams)."),
            labels: [("route", route), ("method", method)], buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// Measures the scrape-time values from `services`, then renders everything.
    func exposition(services: WorkspaceServices) async -> String {
        let gauge = { (name: String, help: String, value: Double) in
            self.registry.makeGauge(descriptor: .init(namespace: "hermes_workspace", metricName: name, unitName: "", helpText: help), labels: []).set(
                value)
        }
        gauge("sse_clients", "Open event and log streams.", Double(services.events.listenerCount + services.logStreams.inUse))
        let status = await services.main.status.snapshot()
        gauge("gateway_up", "1 when the agent's gateway process is running.", status.gateway.liveness == .running ? 1 : 0)
        gauge("approvals_pending", "Approval requests waiting for a decision.", Double((try? await services.approvals.pendingCount()) ?? 0))
        gauge(
            "approvals_staged_writes", "Memory and skill writes the agent staged for a person.",
            Double((try? await offloaded { services.main.stagedWrites.items().count }) ?? 0))
        gauge(
            "pairing_requests_pending", "Strangers waiting for the owner to pair them with the bot.",
            Double((try? await offloaded { services.main.pairing.overview().pending.count }) ?? 0))
        let cron = (try? await services.main.cron.counts()) ?? (total: 0, due: 0, failed: 0)
        gauge("cron_jobs_due", "Enabled cron jobs whose next run time has passed.", Double(cron.due))
        gauge("cron_jobs_failed", "Cron jobs whose last run failed.", Double(cron.failed))
        let clock = ContinuousClock()
        let started = clock.now
        let readable = (try? await services.main.sessions.stats()) != nil
        let elapsed = clock.now - started
        gauge("state_db_up", "1 when state.db could be read.", readable ? 1 : 0)
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "hermes_workspace", metricName: "state_db_read_duration", unitName: "seconds",
                helpText: "Time of a read of state.db (the session counts), measured at each scrape."),
            labels: [], buckets: Self.latencyBuckets
        ).record(elapsed)
        return registry.emitToString()
    }
}
