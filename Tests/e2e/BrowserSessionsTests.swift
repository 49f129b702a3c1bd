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
}
