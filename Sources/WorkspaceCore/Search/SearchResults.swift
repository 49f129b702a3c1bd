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
    /// Conversations with hits, in the requested order.
    public var groups: [SearchResultGroup]
    /// Pass as `cursor` for more (newest-first order only).
    public var nextCursor: String?
}
