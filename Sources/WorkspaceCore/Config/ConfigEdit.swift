/// One change to the configuration: set a value at a path, or delete the key at a path.
public struct ConfigEdit: Sendable, Equatable {
    /// What to do at ``path``.
    public enum Operation: Sendable, Equatable {
        /// Set the value, creating missing mappings on the way.
        case set(OrderedJSON)
        /// Remove the key (nothing happens when it is absent).
        case delete
    }

    /// Mapping keys from the root, e.g. `["approvals", "mode"]`.
    public var path: [String]
    /// The change.
    public var operation: Operation

    /// Creates an edit.
    public init(path: [String], operation: Operation) {
        self.path = path
        self.operation = operation
    }

    /// The path written with dots, for messages and the audit trail.
    public var dottedPath: String { path.joined(separator: ".") }

    /// `document` with this edit applied to its value tree: the result the text edit must parse back to.
    public func applied(to document: OrderedJSON) throws -> OrderedJSON {
        try Self.apply(operation, at: path[...], to: document, fullPath: dottedPath)
    }

    private static func apply(_ operation: Operation, at path: ArraySlice<String>, to value: OrderedJSON, fullPath: String) throws -> OrderedJSON {
        guard let key = path.first else {
            if case .set(let newValue) = operation { return newValue }
            return value
        }
        var members: [OrderedJSON.Member]
        switch value {
        case .object(let existing): members = existing
        case .null: members = []
        default: throw ConfigProblem.editConflict(path: fullPath, reason: "\(key)'s parent is not a mapping")
        }
        let rest = path.dropFirst()
        if let index = members.firstIndex(where: { $0.key == key }) {
            if rest.isEmpty, operation == .delete {
                members.remove(at: index)
            } else {
                members[index].value = try apply(operation, at: rest, to: members[index].value, fullPath: fullPath)
            }
        } else if case .set = operation {
            members.append(.init(key, try apply(operation, at: rest, to: .null, fullPath: fullPath)))
        } else if value == .null {
            return value
        }
        return .object(members)
    }
}
