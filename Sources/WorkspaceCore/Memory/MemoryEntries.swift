import Foundation

/// The agent's memory file format (`tools/memory_tool.py`, 0.19): entries joined by a line holding only `§`
/// (`"\n§\n"`), no trailing newline; read back by splitting on that delimiter, trimming each entry and dropping empty
/// ones (the agent also drops exact duplicates when it reloads). An entry may span lines and may hold `§` inside a
/// line; it may not hold a line that is only `§` (that would split it in two). Its size is counted as the agent
/// counts it: Unicode code points of the joined text.
public enum MemoryEntries {
    /// The delimiter between entries.
    public static let delimiter = "\n§\n"

    /// The entries of a file's text.
    public static func parse(_ text: String) -> [String] {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        return text.components(separatedBy: delimiter).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// The file's text for `entries` (empty for none), as the agent writes it.
    public static func render(_ entries: [String]) -> String {
        entries.joined(separator: delimiter)
    }

    /// The size the agent's limit applies to: code points of the joined entries.
    public static func size(of entries: [String]) -> Int {
        entries.isEmpty ? 0 : render(entries).unicodeScalars.count
    }

    /// `entries` made ready to store: each trimmed as the agent trims it; a refusal names the first entry that is
    /// empty, holds a line that is only `§`, holds NUL, or repeats an earlier one.
    public static func checked(_ entries: [String]) throws -> [String] {
        var seen = Set<String>()
        return try entries.enumerated().map { index, raw in
            let entry = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            let label = "Entry \(index + 1)"
            guard !entry.isEmpty else { throw WorkspaceError.invalidInput("\(label) is empty.") }
            guard !entry.contains("\0") else { throw WorkspaceError.invalidInput("\(label) holds a NUL character.") }
            guard !entry.split(separator: "\n", omittingEmptySubsequences: false).contains(where: { $0.trimmingCharacters(in: .whitespaces) == "§" })
            else {
                throw WorkspaceError.invalidInput("\(label) holds a line that is only §, which the agent reads as the start of a new entry.")
            }
            guard seen.insert(entry).inserted else { throw WorkspaceError.invalidInput("\(label) repeats an earlier entry (the agent keeps one).") }
            return entry
        }
    }
}
