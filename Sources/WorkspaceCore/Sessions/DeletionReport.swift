/// What a delete did, conversation by conversation.
public struct DeletionReport: Sendable, Codable, Equatable {
    /// A conversation that was left alone, and why.
    public struct Refusal: Sendable, Codable, Equatable {
        /// The id asked for.
        public var id: String
        /// Why it was left alone.
        public var reason: Reason

        /// Why a conversation was not deleted (the spec lists the same set).
        public enum Reason: String, Sendable, Codable, CaseIterable {
            /// A message arrived in the last five minutes: the agent may still be using it.
            case active
            /// No such conversation.
            case notFound = "not_found"
        }
    }

    /// Conversations removed (their first segment ids).
    public var deleted: [String] = []
    /// `sessions` rows removed: segments and the delegated runs under them.
    public var removedSessions = 0
    /// Message rows removed (the agent's triggers removed their search entries).
    public var removedMessages = 0
    /// Branches and other children that now stand on their own.
    public var detachedChildren: [String] = []
    /// Conversations not removed.
    public var refused: [Refusal] = []
}

/// What a bulk delete by filter would do.
public struct DeletionPreview: Sendable, Codable, Equatable {
    /// Conversations the filter matches (up to the bulk limit).
    public var matched: Int
    /// Of those, live ones that would be refused.
    public var active: Int
    /// The first few, to show the operator.
    public var sample: [SessionSummary]
    /// Whether the filter matches more than one request may delete.
    public var truncated: Bool
}
