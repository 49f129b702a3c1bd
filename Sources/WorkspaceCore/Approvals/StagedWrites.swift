import Foundation

/// Memory and skill writes the agent staged for a person (`memory.write_approval` / `skills.write_approval`):
/// `pending/<memory|skills>/<id>.json` under the home, each the exact arguments of the write. The workspace lists
/// them with what would change, and applies one by running the agent's own apply (`apply_memory_pending`,
/// `apply_skill_pending`) in the agent's Python — its locks, its content scan, its limits and its file formats, with
/// no second implementation to drift — or rejects it (the file is removed, as the agent's `/memory reject` does).
public struct StagedWrites: Sendable {
    /// `memory` or `skills`.
    public enum Subsystem: String, Sendable, Codable, CaseIterable {
        case memory, skills
    }

    /// One staged write.
    public struct Item: Sendable, Codable, Equatable {
        /// The agent's id (8 hex characters).
        public var id: String
        /// `memory` or `skills`.
        public var subsystem: Subsystem
        /// `add`, `replace`, `remove`, `batch` (memory); `create`, `edit`, `patch`, `write_file`, `remove_file`,
        /// `delete` (skills).
        public var action: String
        /// The agent's one-line summary (its words).
        public var summary: String
        /// `foreground` or `background_review`.
        public var origin: String
        /// When it was staged.
        public var createdAt: Date
        /// What would change: a unified diff of the file, the new file, or a sentence for removals.
        public var preview: String
        /// The memory target (`memory` or `user`) or the skill name.
        public var target: String
    }

    private let home: HermesHome
    private let audit: AuditLog
    private let skills: SkillsRegistry
    private let python: @Sendable () -> String?

    /// The staged writes of `home`, skill previews resolved through `skills` (the home's cached registry);
    /// `python` finds the agent's interpreter (nil when the agent is not installed here).
    public init(
        home: HermesHome, audit: AuditLog, skills: SkillsRegistry, python: @escaping @Sendable () -> String? = { AgentRuntime.python() }
    ) {
        self.home = home
        self.audit = audit
        self.skills = skills
        self.python = python
    }

    private func folder(_ subsystem: Subsystem) -> URL { home.root.appendingPathComponent("pending").appendingPathComponent(subsystem.rawValue) }

    /// Every staged write, oldest first.
    public func items() -> [Item] {
        Subsystem.allCases.flatMap { subsystem -> [Item] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder(subsystem).path)) ?? []
            return names.filter { $0.hasSuffix(".json") }.compactMap { name in
                try? item(subsystem, String(name.dropLast(5)))
            }
        }.sorted { $0.createdAt < $1.createdAt }
    }

    /// One staged write; not-found when there is none with that id.
    public func item(_ subsystem: Subsystem, _ id: String) throws -> Item {
        let record = try self.record(subsystem, id)
        let payload = record["payload"] ?? .object([:])
        let action = payload["action"]?.stringValue ?? record["action"]?.stringValue ?? ""
        let target = subsystem == .memory ? (payload["target"]?.stringValue ?? "memory") : (payload["name"]?.stringValue ?? "")
        return Item(
            id: id, subsystem: subsystem, action: action, summary: record["summary"]?.stringValue ?? "",
            origin: record["origin"]?.stringValue ?? "foreground",
            createdAt: Date(timeIntervalSince1970: record["created_at"]?.doubleValue ?? 0), preview: preview(subsystem, payload),
            target: target)
    }

    /// Applies staged write `id` with the agent's own code and removes the file when the agent reports success;
    /// the agent's refusal (a limit, no match, a blocked skill) comes back as a conflict and leaves everything as it
    /// was.
    public func approve(_ subsystem: Subsystem, _ id: String, actor: AuditActor?) async throws -> Item {
        let item = try self.item(subsystem, id)
        let answer = try await AgentRuntime.run(
            Self.applyScript, arguments: [subsystem.rawValue, id], home: home, python: python(),
            instead: "approve it in a chat with /\(subsystem.rawValue) approve \(id)")
        guard answer["success"]?.boolValue == true else {
            let reason = answer["error"]?.stringValue ?? "the agent refused it"
            try? await audit.record(
                AuditEvent(action: .approvalsStagedApprove, target: "\(subsystem.rawValue)/\(id)", outcome: .refused, summary: reason, actor: actor))
            throw WorkspaceError.conflict("The agent did not apply \(subsystem.rawValue) write \(id): \(reason)")
        }
        try? await audit.record(
            AuditEvent(
                action: .approvalsStagedApprove, target: "\(subsystem.rawValue)/\(id)",
                summary: "\(item.action) \(item.target): \(item.summary.prefix(160))",
                actor: actor))
        return item
    }

    /// Removes staged write `id` without applying it.
    public func reject(_ subsystem: Subsystem, _ id: String, actor: AuditActor?) async throws -> Item {
        let item = try self.item(subsystem, id)
        do {
            try FileManager.default.removeItem(at: folder(subsystem).appendingPathComponent("\(id).json"))
        } catch {
            throw WorkspaceError.storageFailure(path: folder(subsystem).appendingPathComponent("\(id).json").path, reason: "\(error)")
        }
        try? await audit.record(
            AuditEvent(
                action: .approvalsStagedReject, target: "\(subsystem.rawValue)/\(id)",
                summary: "\(item.action) \(item.target): \(item.summary.prefix(160))",
                actor: actor))
        return item
    }

    private func record(_ subsystem: Subsystem, _ id: String) throws -> OrderedJSON {
        guard id.count <= 64, !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw WorkspaceError.notFound(what: "Staged \(subsystem.rawValue) write \(id.prefix(64))")
        }
        let url = folder(subsystem).appendingPathComponent("\(id).json")
        guard let data = FileManager.default.contents(atPath: url.path), data.count <= 4 * 1024 * 1024,
            let record = try? OrderedJSON(parsing: String(decoding: data, as: UTF8.self)), case .object = record
        else { throw WorkspaceError.notFound(what: "Staged \(subsystem.rawValue) write \(id)") }
        return record
    }

    // MARK: What would change (shown only; the agent's own apply decides)

    private func preview(_ subsystem: Subsystem, _ payload: OrderedJSON) -> String {
        subsystem == .memory ? memoryPreview(payload) : skillPreview(payload)
    }

    static let entryDelimiter = "\n§\n"

    private func memoryPreview(_ payload: OrderedJSON) -> String {
        let target = payload["target"]?.stringValue == "user" ? "USER.md" : "MEMORY.md"
        let url = home.root.appendingPathComponent("memories").appendingPathComponent(target)
        let before = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var entries = before.components(separatedBy: Self.entryDelimiter).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
            !$0.isEmpty
        }
        let operations: [OrderedJSON]
        if payload["action"]?.stringValue == "batch", case .array(let items)? = payload["operations"] {
            operations = items
        } else {
            operations = [payload]
        }
        for operation in operations {
            let content = (operation["content"]?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let old = (operation["old_text"]?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            switch operation["action"]?.stringValue {
            case "add" where !content.isEmpty && !entries.contains(content): entries.append(content)
            case "replace" where !old.isEmpty: if let index = entries.firstIndex(where: { $0.contains(old) }) { entries[index] = content }
            case "remove" where !old.isEmpty: if let index = entries.firstIndex(where: { $0.contains(old) }) { entries.remove(at: index) }
            default: break
            }
        }
        let after = entries.joined(separator: Self.entryDelimiter)
        let diff = LineDiff().unified(from: before, to: after, beforeName: "a/memories/\(target)", afterName: "b/memories/\(target)")
        return diff.isEmpty ? "(no change to \(target))" : diff
    }

    private func skillPreview(_ payload: OrderedJSON) -> String {
        let action = payload["action"]?.stringValue ?? ""
        let name = payload["name"]?.stringValue ?? ""
        let folder = skills.skills().first { $0.name == name }.map { home.skillsDirectory.appendingPathComponent($0.path) }
        let relative = action == "edit" ? "SKILL.md" : (payload["file_path"]?.stringValue ?? "SKILL.md")
        let current = folder.flatMap { try? String(contentsOf: $0.appendingPathComponent(relative), encoding: .utf8) } ?? ""
        let new: String
        switch action {
        case "create": return payload["content"]?.stringValue ?? ""
        case "edit": new = payload["content"]?.stringValue ?? ""
        case "patch":
            let old = payload["old_string"]?.stringValue ?? ""
            let replacement = payload["new_string"]?.stringValue ?? ""
            guard !current.isEmpty, !old.isEmpty else { return "(patch \(old) → \(replacement))" }
            new =
                payload["replace_all"]?.boolValue == true
                ? current.replacingOccurrences(of: old, with: replacement)
                : current.range(of: old).map { current.replacingCharacters(in: $0, with: replacement) } ?? current
        case "write_file": new = payload["file_content"]?.stringValue ?? ""
        case "remove_file": return "remove file: \(payload["file_path"]?.stringValue ?? "?") from skill '\(name)'"
        case "delete": return "delete skill '\(name)'"
        default: return "(\(action) on '\(name)')"
        }
        let diff = LineDiff().unified(from: current, to: new, beforeName: "a/\(relative)", afterName: "b/\(relative)")
        return diff.isEmpty ? "(no textual change)" : diff
    }

    /// Applies one staged write exactly as the agent's `/memory approve` and `/skills approve` do
    /// (`hermes_cli.write_approval_commands._apply_one`, then `discard_pending`), printing the agent's result.
    static let applyScript = """
        import json, sys
        subsystem, pending_id = sys.argv[1], sys.argv[2]
        from tools import write_approval as wa
        record = wa.get_pending(subsystem, pending_id)
        if not record:
            print(json.dumps({"success": False, "error": "no such pending write"})); sys.exit(0)
        store = None
        if subsystem == wa.MEMORY:
            from hermes_cli.config import load_config
            from tools.memory_tool import MemoryStore
            memory = (load_config() or {}).get("memory") or {}
            store = MemoryStore(memory_char_limit=int(memory.get("memory_char_limit", 2200)), user_char_limit=int(memory.get("user_char_limit", 1375)))
            store.load_from_disk()
        from hermes_cli.write_approval_commands import _apply_one
        ok, message = _apply_one(subsystem, record, store)
        if ok:
            wa.discard_pending(subsystem, pending_id)
        print(json.dumps({"success": bool(ok), "error": message or ""}))
        """
}
