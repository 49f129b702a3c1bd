/// A conversation with everything around it: its segments, parent, children and per-model usage.
public struct SessionDetail: Sendable, Codable, Equatable {
    /// The id that was asked for (may be a later segment of the conversation).
    public var requestedID: String
    /// The conversation, summed over its segments.
    public var conversation: SessionSummary
    /// Each segment's own row, first to newest.
    public var segments: [SessionRecord]
    /// The conversation this one hangs under, for branches and delegates.
    public var parent: SessionSummary?
    /// `/branch` forks.
    public var branches: [SessionSummary]
    /// Delegated subagent runs.
    public var delegates: [SessionSummary]
    /// Children of no recognisable kind.
    public var otherChildren: [SessionSummary]
    /// Usage per model, route and task; auxiliary tasks are flagged.
    public var usage: [ModelUsageRow]
}
