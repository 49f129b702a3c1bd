/// Which stored messages a transcript shows.
public enum TranscriptVisibility: String, Sendable, CaseIterable {
    /// The live transcript (`active = 1`), as the agent sees it now.
    case live
    /// Live plus history summarized away by compaction (`compacted = 1`).
    case history
    /// Everything, including rewound/undone messages.
    case all

    func condition(_ schema: StateSchema) -> String {
        let active = schema.has("active", in: "messages")
        let compacted = schema.has("compacted", in: "messages")
        switch self {
        case .live: return active ? "COALESCE(m.active, 1) = 1" : "1"
        case .history:
            guard active else { return "1" }
            return compacted ? "(COALESCE(m.active, 1) = 1 OR m.compacted = 1)" : "COALESCE(m.active, 1) = 1"
        case .all: return "1"
        }
    }
}
