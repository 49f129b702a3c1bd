import Foundation
import WorkspaceCore

/// One row of the machine-level Status: what an operator wants to know about a profile at a glance, each figure
/// read from that profile's own files.
struct ProfileSummary: Sendable, Encodable {
    /// Its gateway, briefly.
    struct Gateway: Sendable, Encodable {
        var liveness: GatewayStatus.Liveness
        var state: String
        var pid: Int?
        var startedAt: Date?
        var drainRequested: Bool
        /// The running action (start, stop, restart), if any.
        var action: GatewayControl.Action?
        /// What changed after it started (it needs a restart to see it).
        var restartNeeded: RestartCheck.Report?
    }

    /// Its cron jobs.
    struct Cron: Sendable, Encodable {
        var total: Int
        var due: Int
        var failed: Int
    }

    var name: String
    var path: String
    var isDefault: Bool
    /// The sticky profile of the agent's CLI (`active_profile`).
    var active: Bool
    var description: String
    var model: String?
    var provider: String?
    var hasEnv: Bool
    var skillCount: Int
    var sessionCount: Int
    /// Estimated spend today in the agent's time zone (USD).
    var costToday: Double
    var cron: Cron
    var pendingApprovals: Int
    var gateway: Gateway
    /// Figures that could not be read, with why.
    var warnings: [String]

    /// The summary of `services`' profile; `pending` is its share of the approvals queue.
    static func load(_ services: HomeServices, directory: ProfileDirectory, pending: Int) async -> ProfileSummary {
        var warnings: [String] = []
        let home = services.home
        let config = (try? String(contentsOf: home.configFile, encoding: .utf8)).flatMap { try? YAMLDocument(text: $0).value }
        let (model, provider) = modelAndProvider(config?["model"])
        async let status = services.status.gatewayStatus()
        let stats: SessionStats? = await attempt("sessions", &warnings) { try await services.sessions.stats() }
        let today = try? AnalyticsRange.lastDays(1, now: Date(), timeZone: services.timeZone.current, bucket: .day)
        let usage: UsageReport? = await attempt("cost", &warnings) {
            guard let today else { return nil }
            return try await services.analytics.usage(today)
        }
        let counts = await attempt("cron", &warnings) { try await services.cron.counts() }
        let skills = (try? await offloaded { services.skills.skills().count }) ?? 0
        let gateway = await status
        return ProfileSummary(
            name: services.profile.rawValue, path: home.path, isDefault: services.profile.isDefault,
            active: directory.active() == services.profile, description: description(home), model: model, provider: provider,
            hasEnv: FileManager.default.fileExists(atPath: home.envFile.path), skillCount: skills, sessionCount: stats?.conversations ?? 0,
            costToday: usage.map { $0.totals.cost.actualUSD ?? $0.totals.cost.estimatedUSD } ?? 0,
            cron: Cron(total: counts?.total ?? 0, due: counts?.due ?? 0, failed: counts?.failed ?? 0), pendingApprovals: pending,
            gateway: Gateway(
                liveness: gateway.liveness, state: gateway.state, pid: gateway.pid, startedAt: gateway.startedAt,
                drainRequested: services.gateway.drainRequested,
                action: services.gateway.action().flatMap { $0.status == "running" ? $0 : nil }, restartNeeded: gateway.restartNeeded),
            warnings: warnings)
    }

    private static func attempt<T: Sendable>(_ what: String, _ warnings: inout [String], _ body: () async throws -> T?) async -> T? {
        do { return try await body() } catch {
            warnings.append("\(what): \(error)")
            return nil
        }
    }

    /// `model:` as the agent's `hermes profile list` reads it: a string, or `default`/`model` and `provider`.
    static func modelAndProvider(_ value: OrderedJSON?) -> (String?, String?) {
        switch value {
        case .string(let text)?: return (text, nil)
        case let mapping? where mapping["provider"] != nil || mapping["default"] != nil || mapping["model"] != nil:
            let model = mapping["default"]?.stringValue ?? mapping["model"]?.stringValue
            return (model, mapping["provider"]?.stringValue)
        default: return (nil, nil)
        }
    }

    /// `profile.yaml`'s description.
    static func description(_ home: HermesHome) -> String {
        let file = home.root.appendingPathComponent("profile.yaml")
        guard let text = try? String(contentsOf: file, encoding: .utf8), let value = try? YAMLDocument(text: text).value else { return "" }
        return value["description"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }
}
