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
                "document.querySelector('[data-testid=tool-call]') && document.querySelector('.message.highlighted') && document.querySelector('.detail-summary').textContent.includes('Usage by model and task')"
        )
        #expect(session.contains(#"data-testid="tool-call""#), "the transcript shows the tool calls")
        #expect(session.contains("Tool call") || session.contains(#"class="terminal""#))
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

    /// On a phone a tapped conversation is a screen of its own — the list and filters gone, a Back button, the
    /// transcript on the first screen under a one-line summary — and the filters wait behind a button. Shell calls
    /// read as the command with its output, and a search hit in a tool call reads as words, not escaped JSON.
    @Test func aPhoneOpensASessionAsItsOwnScreenConversationFirst() async throws {
        let site = try await DemoSite.start(sessions: 30)
        defer { site.stop() }
        let client = try await site.client()
        let found = try await client.send("GET", "/api/v1/sessions/search?q=pytest")
        let group = try #require((found.object?["items"] as? [[String: Any]])?.first)
        let id = try #require((group["conversation"] as? [String: Any])?["id"] as? String)
        let seen = try await site.withBrowser(at: "sessions") { browser -> [String: String] in
            try browser.setViewport(width: 390, height: 844)
            var seen: [String: String] = [:]
            try browser.waitUntil("document.querySelectorAll('.session-row a').length > 3")
            seen["filtersHidden"] = try browser.evaluate("String(document.querySelector('.filter-row').offsetParent === null)") as? String
            try browser.click(button: "Filters")
            seen["filtersShown"] = try browser.evaluate("String(document.querySelector('.filter-row').offsetParent !== null)") as? String
            try browser.evaluate("document.querySelector('.session-row a').click()")
            try browser.waitUntil("document.querySelector('.detail .message') && document.querySelector('.back-button')")
            seen["screen"] =
                try browser.evaluate(
                    """
                    JSON.stringify({ list: document.querySelector('.sessions-layout > .session-list')?.offsetParent !== null,
                      filters: document.querySelector('.filters').offsetParent !== null,
                      back: document.querySelector('.back-button').getBoundingClientRect().top,
                      message: document.querySelector('.detail .message').getBoundingClientRect().top, height: innerHeight,
                      summary: document.querySelector('.detail-summary summary').innerText })
                    """) as? String
            try browser.click(button: "Sessions", in: ".detail")
            try browser.waitUntil(
                "location.pathname === '/sessions' && document.querySelector('.sessions-layout > .session-list').offsetParent !== null")
            try browser.evaluate(
                "history.pushState({}, '', '/sessions/\(id)'); dispatchEvent(new PopStateEvent('popstate'))")
            try browser.waitUntil("document.querySelector('.terminal') && document.querySelector('.terminal-output')")
            seen["command"] = try browser.evaluate("document.querySelector('.terminal').innerText") as? String
            seen["output"] = try browser.evaluate("document.querySelector('.terminal-output').innerText") as? String
            try browser.evaluate("history.pushState({}, '', '/sessions?search=pytest'); dispatchEvent(new PopStateEvent('popstate'))")
            try browser.waitUntil("document.querySelector('[data-testid=search-hit]')")
            seen["hit"] = try browser.evaluate("document.querySelector('[data-testid=search-hit]').innerText") as? String
            return seen
        }
        #expect(seen["filtersHidden"] == "true" && seen["filtersShown"] == "true", "filters behind a button on a phone: \(seen)")
        let screen = try #require(try JSONSerialization.jsonObject(with: Data((seen["screen"] ?? "{}").utf8)) as? [String: Any])
        #expect(screen["list"] as? Bool == false && screen["filters"] as? Bool == false, "the list and filters make way: \(screen)")
        #expect((screen["back"] as? Double ?? 999) < (screen["message"] as? Double ?? 0), "Back comes before the conversation: \(screen)")
        #expect((screen["message"] as? Double ?? 9_999) < (screen["height"] as? Double ?? 0), "the conversation is on the first screen: \(screen)")
        #expect((screen["summary"] as? String ?? "").contains("messages"), "facts in one line: \(screen)")
        #expect((seen["command"] ?? "").hasPrefix("$ pytest tests/test_dates.py"), "a shell call reads as its command: \(seen["command"] ?? "")")
        #expect(
            !(seen["output"] ?? "").isEmpty && !(seen["output"] ?? "").contains("\\n"), "its output as a terminal shows it: \(seen["output"] ?? "")")
        let hit = seen["hit"] ?? ""
        #expect(hit.contains("terminal command: pytest") && !hit.contains("\\\"") && hit.contains("tool call"), "a readable tool-call hit: \(hit)")
    }

    /// Rename and archive from the detail: the title is cleaned as the agent cleans it and lands in state.db; archive
    /// hides the conversation from the default list and Unarchive brings it back.
    @Test func aSessionIsRenamedAndArchivedFromItsDetail() async throws {
        let site = try await DemoSite.start(sessions: 5)
        defer { site.stop() }
        let client = try await site.client()
        let list = try await client.send("GET", "/api/v1/sessions?limit=1")
        let id = try #require(((list.object?["items"] as? [[String: Any]])?.first?["id"]) as? String)
        let seen = try await site.withBrowser(at: "sessions/\(id)") { browser -> [String] in
            try browser.waitUntil("document.querySelector('.detail-actions')", seconds: 20)
            try browser.click(button: "Rename", in: ".detail-actions")
            try browser.fill("#session-title", "  Renamed\u{202E} in   the browser ")
            try browser.click(button: "Save title", in: ".rename-form")
            try browser.waitUntil("document.querySelector('.detail h2').innerText === 'Renamed in the browser'")
            try browser.click(button: "Archive", in: ".detail-actions")
            try browser.waitUntil("[...document.querySelectorAll('.detail-actions button')].some((b) => b.textContent === 'Unarchive')")
            return [try browser.evaluate("document.querySelector('.detail h2').innerText") as? String ?? ""]
        }
        #expect(seen[0] == "Renamed in the browser")
        let after = try await client.send("GET", "/api/v1/sessions/\(id)")
        let conversation = after.object?["conversation"] as? [String: Any]
        #expect(conversation?["title"] as? String == "Renamed in the browser" && conversation?["archived"] as? Bool == true, "\(conversation ?? [:])")
        let listed = try await client.send("GET", "/api/v1/sessions?limit=200")
        #expect(!((listed.object?["items"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == id }, "hidden from the default list")
    }
}
