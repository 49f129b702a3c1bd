import Foundation
import GRDB

/// Reads transcripts a page at a time, with tool calls and results linked even across page boundaries.
enum TranscriptReader {
    /// Messages of `segmentIDs` after message id `after`, at most `limit`.
    static func messages(
        _ db: Database, _ schema: StateSchema, segmentIDs: [String], after: Int64, limit: Int,
        visibility: TranscriptVisibility, wholeContent: Bool = false
    ) throws -> [TranscriptMessage] {
        // `+m.id` keeps SQLite on the per-session index instead of walking the whole table in rowid order.
        let rows = try db.rows(
            """
            SELECT \(TranscriptMessage.select(schema, contentLimit: wholeContent ? nil : TranscriptMessage.contentLimit)) FROM messages m
            WHERE m.session_id IN (SELECT value FROM json_each(?)) AND \(visibility.condition(schema)) AND +m.id > ?
            ORDER BY +m.id LIMIT ?
            """, arguments: [SessionListStatement.jsonArray(segmentIDs), after, limit])
        return rows.map(TranscriptMessage.init(row:))
    }

    /// How many messages `segmentIDs` show at `visibility`.
    static func count(_ db: Database, _ schema: StateSchema, segmentIDs: [String], visibility: TranscriptVisibility) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FROM messages m WHERE m.session_id IN (SELECT value FROM json_each(?)) AND \(visibility.condition(schema))
                """, arguments: [SessionListStatement.jsonArray(segmentIDs)]) ?? 0
    }

    /// Fills `resultMessageID` of every call and `callMessageID` of every result on the page, looking outside it
    /// when the partner lies on another page.
    static func link(_ db: Database, _ schema: StateSchema, segmentIDs: [String], messages: inout [TranscriptMessage]) throws {
        guard schema.has("tool_call_id", in: "messages"), let first = messages.first?.id else { return }
        var callOwner: [String: Int64] = [:]
        var resultOf: [String: Int64] = [:]
        for message in messages {
            for call in message.toolCalls { if let id = call.id { callOwner[id] = message.id } }
            if let answered = message.toolCallID { resultOf[answered] = message.id }
        }
        let segments = SessionListStatement.jsonArray(segmentIDs)
        let unansweredCalls = messages.flatMap(\.toolCalls).compactMap(\.id).filter { resultOf[$0] == nil }
        if !unansweredCalls.isEmpty {
            let rows = try db.rows(
                """
                SELECT m.id, m.tool_call_id FROM messages m
                WHERE m.session_id IN (SELECT value FROM json_each(?)) AND m.tool_call_id IN (SELECT value FROM json_each(?))
                """, arguments: [segments, SessionListStatement.jsonArray(unansweredCalls)])
            for row in rows { resultOf[row["tool_call_id"]] = row["id"] }
        }
        let orphanResults = messages.compactMap(\.toolCallID).filter { callOwner[$0] == nil }
        if !orphanResults.isEmpty, schema.has("tool_calls", in: "messages") {
            let rows = try db.rows(
                """
                SELECT m.id, m.tool_calls FROM messages m
                WHERE m.session_id IN (SELECT value FROM json_each(?)) AND +m.id < ? AND m.tool_calls IS NOT NULL
                ORDER BY +m.id DESC LIMIT 50
                """, arguments: [segments, first])
            for row in rows {
                for call in ToolCall.parseList(row["tool_calls"]) { if let id = call.id, callOwner[id] == nil { callOwner[id] = row["id"] } }
            }
        }
        for index in messages.indices {
            for callIndex in messages[index].toolCalls.indices {
                if let id = messages[index].toolCalls[callIndex].id { messages[index].toolCalls[callIndex].resultMessageID = resultOf[id] }
            }
            if let answered = messages[index].toolCallID {
                messages[index].callMessageID = callOwner[answered]
                if messages[index].toolName == nil, let owner = callOwner[answered],
                    let call = messages.first(where: { $0.id == owner })?.toolCalls.first(where: { $0.id == answered })
                {
                    messages[index].toolName = call.name
                }
            }
        }
    }
}
