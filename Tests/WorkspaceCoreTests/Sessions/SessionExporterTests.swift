import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct SessionExporterTests {
    private func export(_ state: StateHome, id: String, format: ExportFormat) async throws -> String {
        let exporter = SessionExporter(store: state.store())
        let detail = try await state.store().detail(id: id)
        var output = ""
        try await exporter.export(detail, format: format) { output += $0 }
        return output
    }

    @Test func jsonHoldsTheConversationAndEveryMessage() async throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        let id = try #require(try state.strings("SELECT id FROM sessions LIMIT 1").first)
        let text = try await export(state, id: id, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((object["messages"] as? [Any])?.count == 16)
        #expect(((object["conversation"] as? [String: Any])?["conversation"] as? [String: Any])?["id"] as? String == id)
    }

    @Test func jsonLinesHaveOneMessagePerLineAfterTheHeader() async throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        let id = try #require(try state.strings("SELECT id FROM sessions LIMIT 1").first)
        let lines = try await export(state, id: id, format: .jsonl).split(separator: "\n")
        #expect(lines.count == 17)
        for line in lines { _ = try JSONSerialization.jsonObject(with: Data(line.utf8)) }
    }

    @Test func markdownReadsLikeATranscriptWithFencedToolCalls() async throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        let id = try #require(try state.strings("SELECT session_id FROM messages WHERE tool_calls IS NOT NULL LIMIT 1").first)
        let text = try await export(state, id: id, format: .markdown)
        #expect(text.hasPrefix("# "))
        #expect(text.contains("## User"))
        #expect(text.contains("Tool call `"))
        #expect(text.contains("```json"))
    }

    @Test func downloadNamesAreSafe() {
        #expect(SessionExporter.fileName(id: "20261124_101500_a1b2c3", format: .jsonl) == "session-20261124_101500_a1b2c3.jsonl")
        #expect(SessionExporter.fileName(id: "../../etc/\"passwd\r\n", format: .markdown) == "session-.._.._etc__passwd__.md")
    }
}
