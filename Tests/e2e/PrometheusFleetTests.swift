import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The fleet setup of docs/monitoring.md against a real Prometheus (Debian's `prometheus`): two real workspaces
/// scraped with their own viewer tokens, the alert rules of `monitoring/alerts.yml` loaded and healthy, every
/// PromQL expression of the Grafana dashboard answering with data and every alert expression valid; and
/// `promtool` accepting the configuration and passing the rules' unit tests.
@Suite(.serialized) struct PrometheusFleetTests {
    static let prometheus = "/usr/bin/prometheus"
    static let promtool = "/usr/bin/promtool"
    static var installed: Bool { FileManager.default.isExecutableFile(atPath: prometheus) && FileManager.default.isExecutableFile(atPath: promtool) }

    @Test(.enabled(if: installed, "Prometheus is not installed (apt-get install prometheus) to run this test"))
    func twoWorkspacesAreScrapedAndEveryDashboardQueryAnswers() async throws {
        let monitoring = BrowserEnvironment.repository.appendingPathComponent("monitoring")
        var sites: [DemoSite] = []
        defer { sites.forEach { $0.stop() } }
        for _ in 0..<2 {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-fleet-\(UUID().uuidString)")
            try await offThePool {
                try run(try BrowserEnvironment.binary().path, ["demo", root.appendingPathComponent("home").path, "--sessions", "3"])
            }
            sites.append(try await DemoSite.serve(root: root, arguments: ["--metrics"]))
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var jobs = ""
        for (index, site) in sites.enumerated() {
            let token = try await site.scopedToken(role: "viewer", name: "prometheus")
            let file = work.appendingPathComponent("token-\(index)")
            try Data(token.utf8).write(to: file)
            jobs += """
                  - job_name: hermes-workspace-\(index)
                    metrics_path: /metrics
                    authorization: { type: Bearer, credentials_file: \(file.path) }
                    static_configs: [{ targets: ["127.0.0.1:\(site.port)"] }]
                    relabel_configs: [{ target_label: job, replacement: hermes-workspace }]

                """
        }
        try FileManager.default.copyItem(at: monitoring.appendingPathComponent("alerts.yml"), to: work.appendingPathComponent("alerts.yml"))
        let config = work.appendingPathComponent("prometheus.yml")
        try Data("global: { scrape_interval: 1s, evaluation_interval: 1s }\nrule_files: [alerts.yml]\nscrape_configs:\n\(jobs)".utf8).write(
            to: config)
        #expect(try await Self.tool([Self.promtool, "check", "config", config.path]).status == 0)
        let unit = try await Self.tool([Self.promtool, "test", "rules", monitoring.appendingPathComponent("alerts.test.yml").path])
        #expect(unit.status == 0, "\(unit.output)")

        let port = try freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.prometheus)
        server.arguments = [
            "--config.file=\(config.path)", "--storage.tsdb.path=\(work.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
        ]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { kill(server.processIdentifier, SIGKILL) }
        let base = "http://127.0.0.1:\(port)"

        // Traffic on both, so the rates have something to count; then wait until both targets are up and the rates
        // have two samples each.
        for site in sites {
            let client = try await site.client()
            for _ in 0..<5 { _ = try await client.send("GET", "/api/v1/status") }
        }
        try await Self.waitFor(base, #"count(up{job="hermes-workspace"} == 1) == 2"#)
        try await Self.waitFor(base, #"count(sum by (instance) (rate(hermes_workspace_http_requests_total[5m])) > 0) == 2"#)
        try await Self.waitFor(base, #"count(sum by (le, instance) (rate(hermes_workspace_state_db_read_duration_seconds_bucket[5m])) > 0) >= 2"#)

        let dashboard =
            try JSONSerialization.jsonObject(with: Data(contentsOf: monitoring.appendingPathComponent("grafana-dashboard.json"))) as? [String: Any]
        let expressions = ((dashboard?["panels"] as? [[String: Any]]) ?? []).flatMap { panel in
            ((panel["targets"] as? [[String: Any]]) ?? []).compactMap { $0["expr"] as? String }
        }
        #expect(expressions.count >= 10)
        for expression in expressions {
            let answer = try await Self.query(base, expression)
            #expect(answer.status == "success", "\(expression): \(answer.error ?? "")")
            #expect(answer.series > 0, "\(expression) answers with data from the two workspaces")
        }
        let rules = try String(contentsOf: monitoring.appendingPathComponent("alerts.yml"), encoding: .utf8)
        let alertExpressions = rules.split(separator: "\n").compactMap { line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.hasPrefix("expr:") ? String(text.dropFirst(5)).trimmingCharacters(in: .whitespaces) : nil
        }
        #expect(alertExpressions.count == 6)
        for expression in alertExpressions {
            let answer = try await Self.query(base, expression)
            #expect(answer.status == "success", "\(expression): \(answer.error ?? "")")
        }
        let gatewayDown = try await Self.query(base, "hermes_workspace_gateway_up == 0")
        #expect(gatewayDown.series >= 2, "the demo homes have no gateway running: at least each host's default profile")
        let loaded = try await Self.get("\(base)/api/v1/rules")
        let groups = ((loaded["data"] as? [String: Any])?["groups"] as? [[String: Any]]) ?? []
        let healthy = groups.flatMap { ($0["rules"] as? [[String: Any]]) ?? [] }.filter {
            $0["health"] as? String == "ok" || $0["health"] as? String == "unknown"
        }
        #expect(healthy.count == 6, "\(groups)")
    }

    static func tool(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await offThePool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
    }

    static func get(_ url: String) async throws -> [String: Any] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: url)!)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    static func query(_ base: String, _ expression: String) async throws -> (status: String, series: Int, error: String?) {
        var components = URLComponents(string: "\(base)/api/v1/query")!
        components.queryItems = [URLQueryItem(name: "query", value: expression)]
        let answer = try await get(components.url!.absoluteString)
        let result = (answer["data"] as? [String: Any])?["result"] as? [Any]
        return (answer["status"] as? String ?? "", result?.count ?? 0, answer["error"] as? String)
    }

    /// Waits (at most 60 s) until `expression` has a result, asking again each 200 ms.
    static func waitFor(_ base: String, _ expression: String) async throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let answer = try? await query(base, expression), answer.series > 0 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw BrowserTestError("Prometheus never answered \(expression)")
    }
}
