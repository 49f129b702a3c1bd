/// The configuration as the agent will use it: the user's file merged over the defaults the schema knows
/// (mappings merge key by key, anything else replaces, a `null` where a mapping is expected is ignored),
/// with every leaf marked as set in the file or taken from the defaults. Secrets are masked.
public struct EffectiveConfig: Sendable {
    /// One value of the merged tree.
    public struct Leaf: Sendable, Equatable {
        /// Dotted path.
        public var path: String
        /// The value (masked when secret).
        public var value: OrderedJSON
        /// `set` (from the file) or `default`.
        public var source: String
    }

    /// The merged tree.
    public let value: OrderedJSON
    /// Every leaf, in tree order.
    public let leaves: [Leaf]

    /// Merges `user` over `schema`'s defaults.
    public init(user: OrderedJSON, schema: ConfigSchema = .hermes) {
        let merged = Self.merge(user, over: schema.defaults ?? .object([]))
        let masked = ConfigMasking(schema: schema).masked(merged).value
        value = masked
        var leaves: [Leaf] = []
        Self.collect(masked, user: user, path: [], into: &leaves)
        self.leaves = leaves
    }

    private static func merge(_ user: OrderedJSON, over defaults: OrderedJSON) -> OrderedJSON {
        switch (user, defaults) {
        case (.null, .object):
            return defaults
        case (.object(let userMembers), .object(var members)):
            for member in userMembers {
                if let index = members.firstIndex(where: { $0.key == member.key }) {
                    members[index].value = merge(member.value, over: members[index].value)
                } else {
                    members.append(member)
                }
            }
            return .object(members)
        default:
            return user
        }
    }

    private static func collect(_ value: OrderedJSON, user: OrderedJSON?, path: [String], into leaves: inout [Leaf]) {
        if case .object(let members) = value, !members.isEmpty {
            for member in members {
                let userValue: OrderedJSON? =
                    if case .object(let userMembers) = user { userMembers.last { $0.key == member.key }?.value } else { nil }
                collect(member.value, user: userValue, path: path + [member.key], into: &leaves)
            }
            return
        }
        let isSet = user != nil && !(user == .null && value != .null)
        leaves.append(Leaf(path: path.joined(separator: "."), value: value, source: isSet ? "set" : "default"))
    }
}
