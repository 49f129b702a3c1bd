import Foundation
import Testing

/// The Memory tab in headless Chromium against the real binary on a demo home: add, edit and reorder entries of
/// MEMORY.md, the limit meter refusing an entry that would not fit, and a write by someone else (the agent)
/// appearing live. Every change is checked in the file itself, in the agent's format.
@Suite(.serialized) struct BrowserMemoryTests {
    @Test func entriesAreAddedEditedReorderedAndTheLimitHolds() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer { site.stop() }
        let file = site.home.appendingPathComponent("memories/MEMORY.md")
        let read: @Sendable () -> String = { String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self) }
        let original = read().components(separatedBy: "\n§\n")
        let card = ".memory-file[data-memory=memory]"
        let seen = try await site.withBrowser(at: "memory") { browser -> [String] in
            try browser.waitUntil("document.querySelectorAll('\(card) .memory-entry').length === 3")
            try browser.fill("#memory-memory-new", "Browser note\nwith a second line § and a sign")
            try browser.click(button: "Add entry", in: card)
            try browser.waitUntil("document.querySelectorAll('\(card) .memory-entry').length === 4")
            let afterAdd = read()
            try browser.evaluate("document.querySelector('\(card) .memory-entry button:nth-child(3)').click()")
            try browser.waitUntil("document.querySelector('#memory-memory-0')")
            try browser.fill("#memory-memory-0", "Edited first entry")
            try browser.click(button: "Save", in: card)
            try browser.waitUntil("document.querySelector('\(card) .memory-text').innerText === 'Edited first entry'")
            let afterEdit = read()
            try browser.evaluate("document.querySelector('[aria-label=\"Move entry 4 up\"]').click()")
            try browser.waitUntil("document.querySelectorAll('\(card) .memory-text')[2].innerText.startsWith('Browser note')")
            let afterMove = read()
            try browser.evaluate("[...document.querySelectorAll('\(card) .memory-entry')][3].querySelector('.danger-outline').click()")
            try browser.waitUntil("document.querySelector('dialog[open]')")
            try browser.click(button: "Delete", in: "dialog[open]")
            try browser.waitUntil("document.querySelectorAll('\(card) .memory-entry').length === 3")
            let afterDelete = read()
            // An entry that would not fit: the meter says so and Add is refused before anything is sent.
            try browser.fill("#memory-memory-new", String(repeating: "x", count: 2_500))
            try browser.waitUntil("document.querySelector('\(card) [role=alert]')")
            let meter = try browser.evaluate("document.querySelector('\(card) [role=meter]').getAttribute('aria-valuenow')") as? String ?? ""
            let addDisabled =
                try browser.evaluate("[...document.querySelectorAll('\(card) button')].find((b) => b.textContent === 'Add entry').disabled") as? Bool
            try browser.fill("#memory-memory-new", "")
            // The agent writes meanwhile: the page follows.
            try Data((read() + "\n§\nWritten by the agent").utf8).write(to: file)
            try browser.waitUntil("[...document.querySelectorAll('\(card) .memory-text')].some((e) => e.innerText === 'Written by the agent')")
            return [afterAdd, afterEdit, afterMove, meter, addDisabled == true ? "disabled" : "enabled", afterDelete]
        }
        #expect(seen[0] == original.joined(separator: "\n§\n") + "\n§\nBrowser note\nwith a second line § and a sign", "\(seen[0])")
        #expect(seen[1].hasPrefix("Edited first entry\n§\n" + original[1]), "\(seen[1])")
        #expect(
            seen[2] == ["Edited first entry", original[1], "Browser note\nwith a second line § and a sign", original[2]].joined(separator: "\n§\n"),
            "\(seen[2])")
        #expect((Double(seen[3]) ?? 0) > 100, "the meter is past the limit: \(seen[3])")
        #expect(seen[4] == "disabled")
        #expect(
            seen[5] == ["Edited first entry", original[1], "Browser note\nwith a second line § and a sign"].joined(separator: "\n§\n"), "\(seen[5])")
    }

    /// The persona is edited as text, reviewed as the server's diff, saved with its ETag, and the old text is in
    /// the history with what changed.
    @Test func thePersonaIsReviewedAsADiffSavedAndKeptInTheHistory() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer { site.stop() }
        let soul = site.home.appendingPathComponent("SOUL.md")
        let original = String(decoding: (try? Data(contentsOf: soul)) ?? Data(), as: UTF8.self)
        let seen = try await site.withBrowser(at: "memory") { browser -> [String] in
            try browser.waitUntil("document.querySelector('#persona-text')")
            try browser.fill("#persona-text", original + "Always answer in British English.\n")
            try browser.click(button: "Review changes…", in: ".persona")
            try browser.waitUntil("document.querySelector('.persona .diff')")
            let diff = try browser.evaluate("document.querySelector('.persona .diff').innerText") as? String ?? ""
            try browser.click(button: "Save SOUL.md", in: ".persona")
            try browser.waitUntil("document.querySelector('.persona-history')")
            try browser.evaluate("document.querySelector('.persona-history').open = true")
            let history = try browser.evaluate("document.querySelector('.persona-history').innerText") as? String ?? ""
            return [diff, history]
        }
        #expect(seen[0].contains("+Always answer in British English."), "\(seen[0])")
        #expect(String(decoding: (try? Data(contentsOf: soul)) ?? Data(), as: UTF8.self) == original + "Always answer in British English.\n")
        #expect(seen[1].contains("1 line") && seen[1].contains("Persona"), "\(seen[1])")
    }
}
