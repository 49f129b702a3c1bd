/// Totals over the whole database, and per platform.
public struct SessionStats: Sendable, Codable, Equatable {
    /// Figures for one platform.
    public struct Platform: Sendable, Codable, Equatable {
        /// Platform (`source`).
        public var platform: String
        /// Top-level conversations (archived included).
        public var conversations: Int
        /// `sessions` rows of any kind.
        public var sessions: Int
        /// Live messages (sum of `message_count`).
        public var messages: Int
    }

    /// Whether `state.db` could be read.
    public var available: Bool
    /// Why not, when it could not.
    public var notice: String?
    /// Top-level conversations, archived included.
    public var conversations: Int
    /// Of those, archived.
    public var archived: Int
    /// Of those, still open.
    public var open: Int
    /// `sessions` rows of any kind (segments, branches, delegates).
    public var sessions: Int
    /// Stored message rows of any visibility.
    public var messages: Int
    /// The agent's schema version.
    public var schemaVersion: Int?
    /// Per platform, largest first.
    public var platforms: [Platform]

    /// An empty answer saying why `state.db` could not be read.
    static func unavailable(_ notice: String, schemaVersion: Int? = nil) -> SessionStats {
        SessionStats(
            available: false, notice: notice, conversations: 0, archived: 0, open: 0, sessions: 0, messages: 0,
            schemaVersion: schemaVersion, platforms: [])
    }
}
