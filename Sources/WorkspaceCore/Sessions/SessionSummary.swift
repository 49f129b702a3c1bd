import Foundation

/// One conversation as a list shows it: a session, or a compression chain of segments summed into one.
public struct SessionSummary: Sendable, Codable, Equatable {
    /// The conversation's id: its first segment.
    public var id: String
    /// How it hangs under its parent (`root` for a top-level conversation).
    public var kind: SessionKind
    /// Segment ids, first to newest; one element unless context compression continued it.
    public var segmentIDs: [String]
    /// Title (the first segment's, else the newest titled one).
    public var title: String?
    /// First user message, shortened, for untitled conversations.
    public var preview: String?
    /// Platform (`source`).
    public var platform: String
    /// Model of the newest segment.
    public var model: String?
    /// Billing provider of the newest segment.
    public var provider: String?
    /// Start of the first segment.
    public var startedAt: Date
    /// End of the newest segment; `nil` while open.
    public var endedAt: Date?
    /// Time of the newest message, else the start.
    public var lastActiveAt: Date
    /// Why the newest segment ended.
    public var endReason: String?
    /// The newest segment is still open.
    public var isOpen: Bool
    /// Open and a message arrived in the last five minutes.
    public var isActive: Bool
    /// Live messages, summed over segments.
    public var messageCount: Int
    /// Tool calls, summed.
    public var toolCallCount: Int
    /// API calls of the main loop, summed.
    public var apiCallCount: Int
    /// Main-loop tokens, summed.
    public var tokens: TokenCounts
    /// Main-loop cost, summed.
    public var cost: CostFigures
    /// The parent conversation's id, for children.
    public var parentID: String?
    /// Branches, delegates and other children hanging under any segment.
    public var childCount: Int
    /// Named profile (`nil` = default).
    public var profile: String?
    /// Archived by the user.
    public var archived: Bool

    /// Seconds after the last message during which an open conversation counts as active.
    public static let activeWindow: TimeInterval = 300

    /// Sums `segments` (first to newest) into one conversation.
    init(kind: SessionKind, segments: [SessionRecord], lastActiveAt: Date?, childCount: Int, preview: String?, now: Date) {
        let first = segments[0]
        let newest = segments[segments.count - 1]
        id = first.id
        self.kind = kind
        segmentIDs = segments.map(\.id)
        title = first.title ?? segments.reversed().first { $0.title != nil }?.title
        self.preview = preview
        platform = first.platform
        model = newest.model ?? first.model
        provider = newest.provider ?? first.provider
        startedAt = first.startedAt
        endedAt = newest.endedAt
        self.lastActiveAt = lastActiveAt ?? newest.startedAt
        endReason = newest.endReason
        isOpen = newest.endedAt == nil
        isActive = isOpen && now.timeIntervalSince(self.lastActiveAt) < Self.activeWindow
        messageCount = segments.reduce(0) { $0 + $1.messageCount }
        toolCallCount = segments.reduce(0) { $0 + $1.toolCallCount }
        apiCallCount = segments.reduce(0) { $0 + $1.apiCallCount }
        tokens = segments.reduce(TokenCounts.zero) { $0 + $1.tokens }
        cost = segments.dropFirst().reduce(first.cost) { $0 + $1.cost }
        parentID = first.parentID
        self.childCount = childCount
        profile = first.profile
        archived = first.archived
    }
}
