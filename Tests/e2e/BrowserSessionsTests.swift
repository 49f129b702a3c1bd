import Foundation
import Testing

/// The Sessions and Analytics tabs in headless Chromium against the real binary on a demo home.
@Suite(.serialized) struct BrowserSessionsTests {
    private func render(_ url: String, profile: URL) throws -> String {
        try run(try BrowserEnvironment.chromium(), ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                                                     "--virtual-time-budget=10000", "--dump-dom", url])
    }

    @Test func aSearchHitOpensItsSessionWithTheToolCallAndTheHitHighlighted() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let home = root.appendingPathComponent("home")
        try run(try BrowserEnvironment.binary().path, ["demo", home.path, "--sessions", "60"])
        let server = try ServerProcess(binary: try BrowserEnvironment.binary(), home: home, webRoot: BrowserEnvironment.repository.appendingPathComponent("web"))
        defer { server.stop() }
        let url = try await server.waitForReadyURL()

        let results = try render(url + "sessions?search=docker", profile: root.appendingPathComponent("profile"))
        let hit = try #require(results.firstMatch(of: /href="\/(sessions\/[^"?]+\?search=docker&amp;message=(\d+))"[^>]*data-testid="search-hit"/))
        #expect(results.contains("<mark>"), "matched words are highlighted")
        let link = hit.output.1.replacingOccurrences(of: "&amp;", with: "&")
        let messageID = String(hit.output.2)

        let session = try render(url + link, profile: root.appendingPathComponent("profile"))
        #expect(session.contains(#"data-testid="tool-call""#), "the transcript shows the tool calls")
        #expect(session.contains("Tool call"))
        #expect(session.contains(#"id="m\#(messageID)" class="message message-"#))
        #expect(session.firstMatch(of: /id="m\d+" class="message [a-z-]+ highlighted"/) != nil, "the hit is highlighted")
        #expect(session.contains("Usage by model and task"))

        let analytics = try render(url + "analytics", profile: root.appendingPathComponent("profile"))
        #expect(analytics.contains("Tokens per bucket"))
        #expect(analytics.contains(#"role="img""#))
        #expect(analytics.contains("By model"))
        #expect(analytics.contains("auxiliary: title_generation"))
    }
}
