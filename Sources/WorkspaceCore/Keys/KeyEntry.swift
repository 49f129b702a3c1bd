/// One variable as the API Keys tab shows it: from `.env`, from the agent's catalog, or both. Never the secret itself.
public struct KeyEntry: Sendable, Codable, Equatable {
    /// Variable name.
    public var name: String
    /// Whether `.env` defines it.
    public var isSet: Bool
    /// For a set secret: the masked form (`sk-o…cdef`).
    public var masked: String?
    /// For a set non-secret setting: its value.
    public var value: String?
    /// Whether the value is a secret (unknown names are).
    public var isSecret: Bool
    /// Whether the agent's catalog knows it.
    public var known: Bool
    /// Catalog category, or `custom` for names the catalog does not know.
    public var category: String
    /// What it is for.
    public var description: String
    /// Where to get it.
    public var url: String?
    /// Whether the agent hides it by default.
    public var advanced: Bool
    /// Tools it unlocks.
    public var tools: [String]
    /// Skills that need it.
    public var neededBy: [String]
    /// Whether its line carries an `export ` prefix.
    public var exported: Bool
}
