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
}
