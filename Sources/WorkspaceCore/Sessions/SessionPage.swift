/// One page of a session list.
public struct SessionPage: Sendable, Codable, Equatable {
    /// The conversations on this page.
    public var items: [SessionSummary]
    /// Pass as `cursor` to get the next page; `nil` on the last page.
    public var nextCursor: String?
    /// How many conversations match in all, when asked for.
    public var total: Int?
    /// Why the list is empty when the database itself is missing or unusable.
    public var notice: String?
}
