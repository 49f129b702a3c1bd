/// Which values differ between two configuration trees, as dotted paths down to the first differing level.
enum ConfigDifference {
    /// Paths where `old` and `new` differ; a changed list or scalar is one path, a mapping is compared key by key.
    static func paths(from old: OrderedJSON, to new: OrderedJSON, prefix: [String] = []) -> [String] {
        guard old != new else { return [] }
        guard case .object(let oldMembers) = old, case .object(let newMembers) = new else {
            return [prefix.isEmpty ? "(root)" : prefix.joined(separator: ".")]
        }
        var keys = oldMembers.map(\.key)
        for member in newMembers where !keys.contains(member.key) { keys.append(member.key) }
        return keys.flatMap { key in
            paths(
                from: oldMembers.last { $0.key == key }?.value ?? .null, to: newMembers.last { $0.key == key }?.value ?? .null, prefix: prefix + [key]
            )
        }
    }

    /// Each change from `old` to `new` in words, secrets never shown: "skills.disabled −translate +web-research",
    /// "model.default: gpt-4 → claude-3", "tts.provider = edge", "display removed", "providers.x.api_key changed".
    static func summary(from old: OrderedJSON, to new: OrderedJSON, limit: Int = 12) -> [String] {
        let paths = paths(from: old, to: new)
        var lines = paths.prefix(limit).map { path -> String in
            let parts = path == "(root)" ? [] : path.split(separator: ".").map(String.init)
            return describe(path: path, parts: parts, old: value(at: parts, in: old), new: value(at: parts, in: new))
        }
        if paths.count > limit { lines.append("and \(paths.count - limit) more") }
        return lines
    }

    private static func value(at parts: [String], in tree: OrderedJSON) -> OrderedJSON? {
        var current: OrderedJSON? = tree
        for part in parts { current = current?[part] }
        if case .null? = current { return nil }
        return current
    }

    private static func describe(path: String, parts: [String], old: OrderedJSON?, new: OrderedJSON?) -> String {
        if ConfigMasking().isSecret(parts) {
            return old == nil ? "\(path) set" : new == nil ? "\(path) removed" : "\(path) changed"
        }
        switch (old, new) {
        case (nil, let value?): return "\(path) = \(short(value))"
        case (_?, nil): return "\(path) removed"
        case (.array(let before)?, .array(let after)?):
            let removed = before.filter { !after.contains($0) }.map { "−" + short($0) }
            let added = after.filter { !before.contains($0) }.map { "+" + short($0) }
            let words = removed + added
            return words.isEmpty ? "\(path) reordered" : "\(path) " + words.prefix(6).joined(separator: " ") + (words.count > 6 ? " …" : "")
        case (let before?, let after?):
            if case .object = before { return "\(path) changed" }
            if case .object = after { return "\(path) changed" }
            return "\(path): \(short(before)) → \(short(after))"
        default: return "\(path) changed"
        }
    }

    /// A value in a few characters: strings bare (URL credentials masked), lists and mappings summarised.
    private static func short(_ value: OrderedJSON) -> String {
        let text: String
        switch value {
        case .string(let string): text = SecretRedaction.maskingURLCredentials(in: string)
        case .array(let items): text = "[\(items.count) item\(items.count == 1 ? "" : "s")]"
        case .object(let members): text = "{\(members.count) key\(members.count == 1 ? "" : "s")}"
        default: text = value.rendered(.compact)
        }
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count > 40 ? String(line.prefix(39)) + "…" : line
    }

    /// What turning the items `old` into `new` did, in words — "edited 1 entry", "added 2 lines", "reordered" — for
    /// history notes of files kept as lists (memory entries, SOUL.md's lines). An item in both counts as kept; the
    /// smaller of added and removed counts as edited.
    static func counted(from old: [String], to new: [String], one: String, many: String) -> [String] {
        let added = new.filter { !old.contains($0) }.count
        let removed = old.filter { !new.contains($0) }.count
        let edited = min(added, removed)
        let words = [(edited, "edited"), (added - edited, "added"), (removed - edited, "removed")].filter { $0.0 > 0 }.map {
            "\($0.1) \($0.0) \($0.0 == 1 ? one : many)"
        }
        return words.isEmpty && old != new ? ["reordered"] : words
    }
}
