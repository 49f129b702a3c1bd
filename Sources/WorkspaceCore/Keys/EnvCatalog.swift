import Foundation

/// The variables the agent knows about (its `OPTIONAL_ENV_VARS`): what each is for, where to get it, whether it
/// is a secret. Names not in the catalog are treated as secrets.
public struct EnvCatalog: Sendable {
    /// One known variable.
    public struct Entry: Sendable, Codable, Equatable {
        /// Variable name.
        public var name: String
        /// `provider`, `tool`, `messaging`, `skill` or `setting`.
        public var category: String
        /// What it is for.
        public var description: String
        /// Whether its value is a secret (masked until revealed).
        public var secret: Bool
        /// Where to sign up or read about it.
        public var url: String?
        /// Whether the agent hides it by default.
        public var advanced: Bool?
        /// Tools it unlocks.
        public var tools: [String]?
    }

    /// Entries in the agent's order.
    public let entries: [Entry]
    private let byName: [String: Entry]

    /// The catalog of hermes-agent 0.19.
    public static let agent = EnvCatalog(entries: (try? JSONDecoder().decode([Entry].self, from: Data(agentCatalogJSON.utf8))) ?? [])

    /// A catalog of `entries`.
    public init(entries: [Entry]) {
        self.entries = entries
        byName = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The entry for `name`, if the agent knows it.
    public func entry(named name: String) -> Entry? {
        byName[name]
    }
}
