import Foundation
import Testing

/// The Sessions and Analytics tabs in headless Chromium against the real binary on a demo home.
@Suite(.serialized) struct BrowserSessionsTests {
    @Test func aSearchHitOpensItsSessionWithTheToolCallAndTheHitHighlighted() async throws {
        let site = try await DemoSite.start(sessions: 60)
        defer { site.stop() }

        let results = try await site.render("sessions?search=docker", when: "document.querySelector('[data-testid=search-hit]')")
        let hit = try #require(results.firstMatch(of: /href="\/(sessions\/[^"?]+\?search=docker&amp;message=(\d+))"[^>]*data-testid="search-hit"/))
        #expect(results.contains("<mark>"), "matched words are highlighted")
        let link = hit.output.1.replacingOccurrences(of: "&amp;", with: "&")
        let messageID = String(hit.output.2)

        let session = try await site.render(
            link,
            when:
                "document.querySelector('[data-testid=tool-call]') && document.querySelector('.message.highlighted') && document.body.innerText.includes('Usage by model and task')"
        )
        #expect(session.contains(#"data-testid="tool-call""#), "the transcript shows the tool calls")
        #expect(session.contains("Tool call"))
        #expect(session.contains(#"id="m\#(messageID)" class="message message-"#))
        #expect(session.firstMatch(of: /id="m\d+" class="message [a-z-]+ highlighted"/) != nil, "the hit is highlighted")
        #expect(session.contains("Usage by model and task"))

        let analytics = try await site.render(
            "analytics", when: "document.querySelector('[role=img]') && document.body.innerText.includes('auxiliary: title_generation')")
        #expect(analytics.contains("Tokens per bucket"))
        #expect(analytics.contains(#"role="img""#))
        #expect(analytics.contains("By model"))
        #expect(analytics.contains("auxiliary: title_generation"))
    }

    /// Export runs in the page (a fetch with the session cookie, then a saved blob): the download gets the server's
    /// file name and the whole transcript. (Export once called a function removed with the page token and threw.)
    @Test func exportSavesTheTranscriptWithTheServersFileName() async throws {
        let site = try await DemoSite.start(sessions: 3)
        defer { site.stop() }
        let client = try await site.client()
        let list = try await client.send("GET", "/api/v1/sessions?limit=1")
        let id = try #require(((list.object?["items"] as? [[String: Any]])?.first?["id"]) as? String)
        let saved = try await site.withBrowser(at: "sessions/\(id)") { browser -> String in
            try browser.waitUntil("document.querySelector('#export-format')", seconds: 20)
            _ = try browser.evaluate(
                """
                (() => { window.__saved = []; const blobs = []; const create = URL.createObjectURL;
                  URL.createObjectURL = (blob) => { blobs.push(blob); return create.call(URL, blob); };
                  HTMLAnchorElement.prototype.click = function () {
                    const name = this.download;
                    blobs[blobs.length - 1].text().then((text) => window.__saved.push({ name, text }));
                  }; return true; })()
                """)
            try browser.click(button: "Export", in: ".detail-actions")
            try browser.waitUntil("window.__saved.length > 0 || document.querySelector('.detail-pane [role=alert], [role=alert]')", seconds: 20)
            return try browser.evaluate("JSON.stringify({ saved: window.__saved, alert: document.querySelector('[role=alert]')?.innerText || null })")
                as? String ?? ""
        }
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(saved.utf8)) as? [String: Any])
        #expect(answer["alert"] is NSNull, "no error shown: \(answer["alert"] ?? "")")
        let file = try #require((answer["saved"] as? [[String: Any]])?.first)
        #expect((file["name"] as? String)?.hasSuffix(".md") == true, "the server's Markdown file name: \(file["name"] ?? "")")
        #expect((file["text"] as? String)?.isEmpty == false)
    }
}
