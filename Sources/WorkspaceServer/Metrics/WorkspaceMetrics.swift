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

    /// Measures the scrape-time values from `services`, then renders everything. Per-home values carry a `profile`
    /// label (`default` for the root home), so one scrape of one workspace covers every profile on its machine.
    func exposition(services: WorkspaceServices) async -> String {
        let gauge = { (name: String, help: String, value: Double, labels: [(String, String)]) in
            self.registry.makeGauge(descriptor: .init(namespace: "hermes_workspace", metricName: name, unitName: "", helpText: help), labels: labels)
                .set(value)
        }
        gauge("sse_clients", "Open event and log streams.", Double(services.events.listenerCount + services.logStreams.inUse), [])
        let pending = (try? await services.approvals.list(status: .pending, limit: 500)) ?? []
        let now = Date()
        for home in services.profiles.all() {
            let labels = [("profile", home.profile.rawValue)]
            let status = await home.status.snapshot()
            gauge("gateway_up", "1 when the agent's gateway process is running.", status.gateway.liveness == .running ? 1 : 0, labels)
            let waiting = pending.filter { ($0.profile ?? "default") == home.profile.rawValue }
            gauge("approvals_pending", "Approval requests waiting for a decision.", Double(waiting.count), labels)
            gauge(
                "approvals_oldest_pending_seconds", "How long the oldest waiting approval request has waited (0: none).",
                waiting.map { now.timeIntervalSince($0.createdAt) }.max() ?? 0, labels)
            gauge(
                "approvals_staged_writes", "Memory and skill writes the agent staged for a person.",
                Double((try? await offloaded { home.stagedWrites.items().count }) ?? 0), labels)
            gauge(
                "pairing_requests_pending", "Strangers waiting for the owner to pair them with the bot.",
                Double((try? await offloaded { home.pairing.overview().pending.count }) ?? 0), labels)
            let cron = (try? await home.cron.counts()) ?? (total: 0, due: 0, failed: 0)
            gauge("cron_jobs_due", "Enabled cron jobs whose next run time has passed.", Double(cron.due), labels)
            gauge("cron_jobs_failed", "Cron jobs whose last run failed.", Double(cron.failed), labels)
            let clock = ContinuousClock()
            let started = clock.now
            let readable = (try? await home.sessions.stats()) != nil
            let elapsed = clock.now - started
            gauge("state_db_up", "1 when state.db could be read.", readable ? 1 : 0, labels)
            registry.makeDurationHistogram(
                descriptor: .init(
                    namespace: "hermes_workspace", metricName: "state_db_read_duration", unitName: "seconds",
                    helpText: "Time of a read of state.db (the session counts), measured at each scrape."),
                labels: labels, buckets: Self.latencyBuckets
            ).record(elapsed)
            // Today in the agent's zone: what the alert "a profile's cost today over a threshold" compares.
            if let range = try? home.analytics.window(from: nil, to: nil, days: 1, timeZone: nil, bucket: .day),
                let usage = try? await home.analytics.usage(range)
            {
                gauge(
                    "cost_today_usd", "Model cost of today's sessions, in the agent's time zone (actual where known, else estimated).",
                    usage.totals.cost.actualUSD ?? usage.totals.cost.estimatedUSD, labels)
                gauge("sessions_today", "Sessions started today, in the agent's time zone.", Double(usage.totals.sessions), labels)
            }
        }
        return registry.emitToString()
    }
}
