import Foundation

/// One matching message, with the matched words marked in its snippet.
public struct SearchHit: Sendable, Encodable, Equatable {
    /// A run of snippet text; `match` marks the words that matched.
    public struct SnippetPart: Sendable, Encodable, Equatable {
        /// The text.
        public var text: String
        /// Whether this run matched the query.
        public var match: Bool
    }

    /// The message id (open the transcript at it).
    public var messageID: Int64
    /// The segment holding it.
    public var sessionID: String
    /// Its role.
    public var role: String
    /// When it was written.
    public var timestamp: Date
    /// A short excerpt around the match.
    public var snippet: [SnippetPart]
}

/// The hits of one conversation.
public struct SearchResultGroup: Sendable, Encodable, Equatable {
    /// The conversation.
    public var conversation: SessionSummary
    /// Its hits on this page, newest first.
    public var hits: [SearchHit]
}

/// One page of search results, grouped by conversation.
public struct SearchResults: Sendable, Encodable, Equatable {
    /// The index that answered (`words` or `substring`).
    public var mode: String
    /// The FTS5 expression that ran (every term quoted).
    public var expression: String
    /// Conversations with hits, in the requested order (`items`, as every list answers).
    public var items: [SearchResultGroup]
    /// Pass as `cursor` for more (newest-first order only).
    public var nextCursor: String?
    /// Set when the agent's index does not cover every message (a deferred rebuild in progress, or an index it
    /// detached after corruption): results may be missing, and this says how many messages are not indexed yet.
    public var notice: String?

    public init(mode: String, expression: String, items: [SearchResultGroup], nextCursor: String?, notice: String? = nil) {
        (self.mode, self.expression, self.items, self.nextCursor, self.notice) = (mode, expression, items, nextCursor, notice)
    }

    /// The groups under their old name, also sent as `groups` until 0.3.
    public var groups: [SearchResultGroup] { items }

    private enum CodingKeys: String, CodingKey {
        case mode, expression, items, groups, nextCursor, notice
    }

    /// Writes the page with `items` and, for one more release, the same groups as `groups`.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(mode, forKey: .mode)
        try values.encode(expression, forKey: .expression)
        try values.encode(items, forKey: .items)
        try values.encode(items, forKey: .groups)
        try values.encodeIfPresent(nextCursor, forKey: .nextCursor)
        try values.encodeIfPresent(notice, forKey: .notice)
    }
}
