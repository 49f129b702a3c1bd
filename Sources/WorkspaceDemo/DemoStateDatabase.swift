import Foundation
import GRDB
import WorkspaceCore

/// Writes the demo `state.db` in the agent's schema: sessions over 60 days on several platforms and models,
/// with tool calls, token counts, costs, auxiliary usage, lineage (compression, branch, delegate) and FTS rows
/// filled by the agent's own triggers.
struct DemoStateDatabase {
    private static let platforms = ["cli", "telegram", "discord", "slack", "api_server", "cron"]
    /// How a session relates to the one it hangs under.
    private enum Lineage {
        case root(open: Bool)
        case compressionContinuation(of: String)
        case branch(of: String)
        case delegate(of: String)

        var parent: String? {
            switch self {
            case .root: nil
            case .compressionContinuation(let parent), .branch(let parent), .delegate(let parent): parent
            }
        }

        var marker: String? {
            switch self {
            case .branch: "_branched_from"
            case .delegate: "_delegate_from"
            default: nil
            }
        }

        var isOpen: Bool {
            if case .root(let open) = self { return open }
            return false
        }
    }

    private let now: Date
    private var random: DemoRandom
    private var usedTitles: [String: Int] = [:]
    private var usedIDs: Set<String> = []
    private let sessionStamp = DemoDateFormat.sessionStamp()

    init(now: Date, seed: UInt64) {
        self.now = now
        self.random = DemoRandom(seed: seed)
    }

    mutating func write(to url: URL, sessionCount: Int) throws {
        let queue = try DatabaseQueue(path: url.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode=WAL")
        }
        try queue.write { db in
            try db.execute(sql: StateDatabaseSchema.statements)
            try db.execute(sql: "INSERT INTO schema_version(version) VALUES (?)", arguments: [StateDatabaseSchema.version])
            var previousRoot: String?
            for index in 0..<sessionCount {
                let age = Double(sessionCount - index) / Double(sessionCount) * 60 * 86_400
                let startedAt = now.timeIntervalSince1970 - age + Double(random.int(0...3_000))
                let platform = random.pick(Self.platforms)
                let id = try insertSession(db, platform: platform, startedAt: startedAt, lineage: .root(open: index >= sessionCount - 2))
                if index % 37 == 5 {
                    try db.execute(sql: "UPDATE sessions SET end_reason = 'compression' WHERE id = ?", arguments: [id])
                    _ = try insertSession(db, platform: platform, startedAt: startedAt + 1_800, lineage: .compressionContinuation(of: id))
                } else if index % 41 == 9 {
                    _ = try insertSession(db, platform: platform, startedAt: startedAt + 600, lineage: .branch(of: id))
                } else if index % 29 == 3, let root = previousRoot {
                    _ = try insertSession(db, platform: platform, startedAt: startedAt + 120, lineage: .delegate(of: root))
                }
                previousRoot = id
                if index % 53 == 7 {
                    try db.execute(sql: "UPDATE sessions SET archived = 1 WHERE id = ?", arguments: [id])
                }
            }
        }
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// A fresh id; dense histories can draw the same second twice, so a taken id moves on by a second.
    private mutating func uniqueSessionID(platform: String, startedAt: Double) -> String {
        var second = startedAt
        var id = sessionID(platform: platform, startedAt: second)
        while usedIDs.contains(id) {
            second += 1
            id = sessionID(platform: platform, startedAt: second)
        }
        usedIDs.insert(id)
        return id
    }

    private mutating func sessionID(platform: String, startedAt: Double) -> String {
        let stamp = sessionStamp.string(from: Date(timeIntervalSince1970: startedAt))
        switch platform {
        case "cli": return "\(stamp)_\(random.hex(6))"
        case "cron": return "cron_\(DemoCron.jobIDs[random.int(0...2)])_\(stamp)"
        case "api_server": return "api_\(Int(startedAt))_\(random.hex(8))"
        default: return "\(stamp)_\(random.hex(8))"
        }
    }

    private mutating func title(for topic: DemoConversationCatalog.Topic) -> String {
        let count = (usedTitles[topic.title] ?? 0) + 1
        usedTitles[topic.title] = count
        return count == 1 ? topic.title : "\(topic.title) #\(count)"
    }

    private mutating func insertSession(_ db: Database, platform: String, startedAt: Double, lineage: Lineage) throws -> String {
        let parent = lineage.parent
        let open = lineage.isOpen
        let id = uniqueSessionID(platform: platform, startedAt: startedAt)
        let topic = random.pick(DemoConversationCatalog.topics)
        let price = random.pick(DemoConversationCatalog.models)
        var modelConfig = #"{"max_iterations": 90, "reasoning_config": null, "max_tokens": null}"#
        if let marker = lineage.marker, let parent {
            modelConfig = #"{"max_iterations": 90, "reasoning_config": null, "max_tokens": null, "\#(marker)": "\#(parent)"}"#
        }
        let startedAt = open ? now.timeIntervalSince1970 - Double(random.int(60...240)) : startedAt
        let chatFields: (user: String?, chat: String?, type: String?, key: String?) =
            ["telegram", "discord", "slack"].contains(platform)
            ? (
                "\(random.int(10_000...99_999))", "\(random.int(100_000...999_999))", random.chance(0.7) ? "dm" : "group",
                "agent:main:\(platform):dm:\(random.int(1_000...9_999))"
            )
            : (nil, nil, nil, nil)
        try db.execute(
            sql: """
                INSERT INTO sessions (id, source, user_id, chat_id, chat_type, session_key, model, model_config, system_prompt,
                    parent_session_id, started_at, billing_provider, billing_base_url, billing_mode, cwd, title, profile_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
                """,
            arguments: [
                id, platform, chatFields.user, chatFields.chat, chatFields.type, chatFields.key, price.model, modelConfig,
                "You are Hermes, a helpful agent.", parent, startedAt, price.provider, price.baseURL,
                price.provider == "nous" ? "official_models_api" : "official_docs_snapshot",
                platform == "cli" ? "/home/demo/projects/app" : nil, title(for: topic),
            ])
        var clock = startedAt
        var counts = (messages: 0, tools: 0, apiCalls: 0)
        var tokens = (input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0)
        for (turn, prompt) in topic.prompts.enumerated() {
            clock += Double(random.int(5...90))
            try insertMessage(db, session: id, role: "user", content: prompt, at: clock)
            counts.messages += 1
            let tools = turn == 0 ? topic.tools : Array(topic.tools.suffix(1))
            for (callIndex, tool) in tools.enumerated() {
                let callID = "call_\(random.hex(12))"
                let call =
                    #"[{"id": "\#(callID)", "call_id": "\#(callID)", "response_item_id": "fc_\#(random.hex(8))", "type": "function", "function": {"name": "\#(tool.name)", "arguments": \#(Self.jsonString(tool.arguments))}}]"#
                clock += Double(random.int(2...20))
                try insertMessage(
                    db, session: id, role: "assistant", content: callIndex == 0 ? "Let me check." : "", at: clock, toolCalls: call,
                    finishReason: "tool_calls",
                    reasoning: random.chance(0.3) ? "The user wants \(topic.title.lowercased()); I should use \(tool.name) first." : nil)
                clock += Double(random.int(1...30))
                try insertMessage(db, session: id, role: "tool", content: tool.result, at: clock, toolCallID: callID, toolName: tool.name)
                counts.messages += 2
                counts.tools += 1
                counts.apiCalls += 1
            }
            clock += Double(random.int(3...40))
            try insertMessage(db, session: id, role: "assistant", content: topic.answer, at: clock, finishReason: "stop")
            counts.messages += 1
            counts.apiCalls += 1
        }
        for _ in 0..<counts.apiCalls {
            tokens.input += random.int(800...6_000)
            tokens.output += random.int(80...900)
            tokens.cacheRead += random.chance(0.6) ? random.int(2_000...20_000) : 0
            tokens.cacheWrite += random.chance(0.2) ? random.int(500...3_000) : 0
        }
        tokens.reasoning = tokens.output / 5
        let cost =
            (Double(tokens.input) * price.inputPerMillion + Double(tokens.output) * price.outputPerMillion
                + Double(tokens.cacheRead) * price.cacheReadPerMillion + Double(tokens.cacheWrite) * price.inputPerMillion * 1.25) / 1_000_000
        let estimated = (cost * 1_000_000).rounded() / 1_000_000
        let actual: Double? =
            price.provider == "openrouter" && random.chance(0.3)
            ? (estimated * Double(random.int(95...105)) / 100 * 1_000_000).rounded() / 1_000_000 : nil
        let status = actual != nil ? "actual" : "estimated"
        let finalReason = platform == "cron" ? "cron_complete" : random.pick(["cli_close", "session_reset", "idle", "new_session", "agent_close"])
        try db.execute(
            sql: """
                UPDATE sessions SET ended_at = ?, end_reason = ?, message_count = ?, tool_call_count = ?, api_call_count = ?,
                    input_tokens = ?, output_tokens = ?, cache_read_tokens = ?, cache_write_tokens = ?, reasoning_tokens = ?,
                    estimated_cost_usd = ?, actual_cost_usd = ?, cost_status = ?, cost_source = ?, pricing_version = ?
                WHERE id = ?
                """,
            arguments: [
                open ? nil : clock + 5, open ? nil : finalReason, counts.messages, counts.tools, counts.apiCalls,
                tokens.input, tokens.output, tokens.cacheRead, tokens.cacheWrite, tokens.reasoning,
                estimated, actual, status, actual != nil ? "provider_cost_api" : "official_docs_snapshot", "demo-2026-11", id,
            ])
        try db.execute(
            sql: """
                INSERT INTO session_model_usage (session_id, model, billing_provider, billing_base_url, billing_mode, task, api_call_count,
                    input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, estimated_cost_usd, actual_cost_usd,
                    cost_status, cost_source, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, price.model, price.provider, price.baseURL, price.provider == "nous" ? "official_models_api" : "official_docs_snapshot",
                counts.apiCalls, tokens.input, tokens.output, tokens.cacheRead, tokens.cacheWrite, tokens.reasoning,
                estimated, actual ?? 0, status, "official_docs_snapshot", startedAt, clock,
            ])
        try insertAuxiliaryUsage(db, session: id, task: "title_generation", at: startedAt)
        if case .root = lineage, random.chance(0.15) {
            try insertAuxiliaryUsage(db, session: id, task: random.pick(["compression", "vision", "web_extract"]), at: clock)
        }
        return id
    }

    private mutating func insertAuxiliaryUsage(_ db: Database, session: String, task: String, at time: Double) throws {
        let aux = DemoConversationCatalog.auxiliaryModel
        let input = random.int(200...3_000)
        let output = random.int(10...300)
        let cost = ((Double(input) * aux.inputPerMillion + Double(output) * aux.outputPerMillion) / 1_000_000 * 1_000_000).rounded() / 1_000_000
        try db.execute(
            sql: """
                INSERT INTO session_model_usage (session_id, model, billing_provider, billing_base_url, billing_mode, task, api_call_count,
                    input_tokens, output_tokens, estimated_cost_usd, cost_status, first_seen, last_seen)
                VALUES (?, ?, ?, '', '', ?, 1, ?, ?, ?, 'estimated', ?, ?)
                """, arguments: [session, aux.model, aux.provider, task, input, output, cost, time, time])
    }

    private func insertMessage(
        _ db: Database, session: String, role: String, content: String, at time: Double, toolCalls: String? = nil,
        finishReason: String? = nil, reasoning: String? = nil, toolCallID: String? = nil, toolName: String? = nil
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO messages (session_id, role, content, tool_call_id, tool_calls, tool_name, timestamp, finish_reason, reasoning)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [session, role, content, toolCallID, toolCalls, toolName, time, finishReason, reasoning])
    }

    private static func jsonString(_ text: String) -> String {
        OrderedJSON.string(text).rendered()
    }
}
