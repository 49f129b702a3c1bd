import Foundation
import Testing

/// The Tools tab in headless Chromium against the real binary: an MCP server added through the form with a secret
/// header lands in config.yaml as a `${VAR}` reference with the secret in `.env`, the page never shows the secret,
/// and the switch turns the server off in the file.
@Suite(.serialized) struct BrowserToolsTests {
    @Test func anMCPServerIsAddedWithItsSecretMaskedAndSwitchedOff() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer { site.stop() }
        let configURL = site.home.appendingPathComponent("config.yaml")
        let before = String(decoding: try Data(contentsOf: configURL), as: UTF8.self)
        let seen = try await site.withBrowser(at: "tools") { browser -> [String] in
            try browser.waitUntil("document.querySelector('.tools')")
            try browser.click(button: "New MCP server")
            try browser.fill("#mcp-name", "remote")
            try browser.click(button: "URL (HTTP)", in: ".mcp-form")
            try browser.fill("#mcp-url", "https://mcp.example.org/mcp")
            try browser.click(button: "Add header", in: ".mcp-form")
            try browser.fill(".mcp-row input[aria-label='Headers name 1']", "Authorization")
            try browser.fill(".mcp-row input[aria-label='Headers value 1']", "Bearer sk-browser-secret-42")
            try browser.click(button: "Add server", in: ".mcp-form")
            try browser.waitUntil("document.querySelector('.mcp-card[data-mcp=remote]')")
            let page = try browser.evaluate("document.documentElement.outerHTML") as? String ?? ""
            let card = try browser.evaluate("document.querySelector('.mcp-card[data-mcp=remote]').innerText") as? String ?? ""
            try browser.evaluate("document.querySelector('.mcp-card[data-mcp=remote] input[role=switch]').click()")
            try browser.waitUntil("document.querySelector('.mcp-card[data-mcp=remote] input[role=switch]').checked === false")
            return [page.contains("sk-browser-secret") ? "leaked" : "masked", card]
        }
        #expect(seen[0] == "masked", "the secret never reaches the page")
        #expect(seen[1].contains("${MCP_REMOTE_AUTHORIZATION}") && seen[1].contains("set"), "\(seen[1])")
        let config = String(decoding: try Data(contentsOf: configURL), as: UTF8.self)
        let env = String(decoding: try Data(contentsOf: site.home.appendingPathComponent(".env")), as: UTF8.self)
        #expect(config.contains("Authorization: ${MCP_REMOTE_AUTHORIZATION}") && !config.contains("sk-browser"), "\(config)")
        #expect(env.contains("MCP_REMOTE_AUTHORIZATION=") && env.contains("sk-browser-secret-42"))
        #expect(config.contains("enabled: false"))
        for line in before.split(separator: "\n") where !line.hasPrefix("mcp_servers") { #expect(config.contains(line), "kept: \(line)") }
    }
}
