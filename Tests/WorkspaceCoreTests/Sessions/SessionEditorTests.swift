import Foundation
import Testing

@testable import WorkspaceCore

/// Rename and archive with the agent's rules (`SessionDB.set_session_title`, `set_session_archived`, 0.19), and —
/// when the reference agent is installed — its own `SessionDB` reads back what we wrote.
@Suite struct SessionEditorTests {
    @Test func titlesAreCleanedUniqueAndArchivingCoversTheCompressionChain() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let editor = SessionEditor(store: state.store(), audit: AuditLog(home: state.home))
        let root = try #require(try state.strings("SELECT id FROM sessions WHERE end_reason = 'compression' AND parent_session_id IS NULL").first)
        let chain = try state.strings("SELECT id FROM sessions WHERE id = ?1 OR parent_session_id = ?1", [root])
        let tip = try #require(chain.last { $0 != root })
        let other = try #require(try state.strings("SELECT id FROM sessions WHERE parent_session_id IS NULL AND id != ? LIMIT 1", [root]).first)

        #expect(try SessionEditor.cleaned("  Deploy\u{202E} the\tsite\u{200B}  \n now ") == "Deploy the site now")
        #expect(try SessionEditor.cleaned(" \u{200B} ") == nil)
        #expect(throws: WorkspaceError.self) { try SessionEditor.cleaned(String(repeating: "x", count: 101)) }

        try await editor.rename(other, to: "Quarterly report", actor: nil)
        #expect(try state.strings("SELECT title FROM sessions WHERE id = ?", [other]) == ["Quarterly report"])
        await #expect(throws: WorkspaceError.self) { try await editor.rename(tip, to: "Quarterly report", actor: nil) }
        // A title held by a compressed ancestor of the same conversation moves to its continuation.
        try await editor.rename(root, to: "Site deploy", actor: nil)
        try await editor.rename(tip, to: "Site deploy", actor: nil)
        #expect(try state.strings("SELECT id FROM sessions WHERE title = 'Site deploy'") == [tip])
        try await editor.rename(tip, to: "", actor: nil)
        #expect(try state.scalar("SELECT COUNT(*) FROM sessions WHERE id = ? AND title IS NULL", [tip]) as Int? == 1)

        let rows = try await editor.setArchived(tip, true, actor: nil)
        #expect(rows == chain.count, "the whole chain: \(rows) of \(chain.count)")
        let inChain = "SELECT COUNT(*) FROM sessions WHERE archived = 1 AND id IN (SELECT value FROM json_each(?))"
        #expect(try state.scalar(inChain, [SessionListStatement.jsonArray(chain)]) as Int? == chain.count)
        try await editor.setArchived(root, false, actor: nil)
        #expect(try state.scalar(inChain, [SessionListStatement.jsonArray(chain)]) as Int? == 0)
        await #expect(throws: WorkspaceError.self) { try await editor.setArchived("no-such-session", true, actor: nil) }

        guard AgentPython.url != nil else { return AgentPython.noteSkipped("the reference agent's read-back") }
        let run = try await AgentPython.run(
            [
                "-c",
                "import json, sys; from hermes_state import SessionDB; db = SessionDB(); print(json.dumps({'title': db.get_session_title(sys.argv[1])}))",
                other,
            ], home: state.home)
        #expect(run.status == 0, "\(run.errors)")
        #expect(
            String(decoding: run.output, as: UTF8.self).contains(#""title": "Quarterly report""#), "\(String(decoding: run.output, as: UTF8.self))")
    }
}
