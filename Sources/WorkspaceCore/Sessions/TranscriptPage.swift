/// One page of a conversation's transcript, in insertion order across its segments.
public struct TranscriptPage: Sendable, Encodable, Equatable {
    /// The conversation (first segment id).
    public var conversationID: String
    /// Its segments, first to newest.
    public var segmentIDs: [String]
    /// The messages on this page.
    public var items: [TranscriptMessage]
    /// Pass as `after` for the next page; `nil` on the last page.
    public var nextCursor: String?
    /// How many messages the transcript shows in all at this visibility.
    public var total: Int
}
