import Foundation

/// Which conversations a session list shows, in which order, from where.
public struct SessionQuery: Sendable, Equatable {
    /// The order of a list.
    public enum Sort: String, Sendable, CaseIterable {
        /// By start time of the conversation.
        case started
        /// By the newest message anywhere in the conversation.
        case activity
        /// By cost (provider-reported where known, else estimated).
        case cost
        /// By total tokens.
        case tokens
        /// By live message count.
        case messages
    }

    /// How archived conversations are treated.
    public enum Archived: String, Sendable, CaseIterable {
        /// Hide them (the default).
        case exclude
        /// Show only them.
        case only
        /// Show everything.
        case include
    }

    /// Open or ended conversations.
    public enum State: String, Sendable, CaseIterable {
        /// Both.
        case any
        /// The newest segment has not ended.
        case open
        /// The newest segment has ended.
        case ended
    }

    /// Platforms (`source`) to keep; empty keeps all.
    public var platforms: [String] = []
    /// Models to keep; empty keeps all.
    public var models: [String] = []
    /// Started at or after.
    public var startedFrom: Date?
    /// Started before.
    public var startedBefore: Date?
    /// Open/ended.
    public var state: State = .any
    /// Keep only conversations with (true) or without (false) branches, delegates or other children.
    public var hasChildren: Bool?
    /// Keep only conversations with no messages at all (true) or with some (false).
    public var empty: Bool?
    /// Archived handling.
    public var archived: Archived = .exclude
    /// Case-insensitive: id starts with it, or title contains it.
    public var text: String?
    /// List the children of this conversation instead of top-level conversations.
    public var parentID: String?
    /// Profile name; `"default"` means the default profile.
    public var profile: String?
    /// Order.
    public var sort: Sort = .started
    /// Ascending instead of newest/largest first.
    public var ascending = false
    /// Page size (1…200).
    public var limit = 25
    /// Where the previous page stopped.
    public var cursor: SessionCursor?

    /// The defaults: newest 25 top-level, unarchived conversations.
    public init() {}
}
