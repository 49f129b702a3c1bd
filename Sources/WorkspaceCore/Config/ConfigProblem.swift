/// Why a configuration text or edit was refused; each case carries enough for the operator to fix it.
public enum ConfigProblem: Error, Sendable, Equatable {
    /// The text is not valid YAML; positions are 1-based.
    case syntax(line: Int, column: Int, message: String)
    /// The document is valid YAML but too large or too deeply nested to accept.
    case tooComplex(String)
    /// The document does not match the schema: messages keyed by dotted path.
    case invalid([String: String])
    /// An edit cannot be applied to this document as it stands (path through a non-mapping, anchors in the way).
    case editConflict(path: String, reason: String)
    /// The text is larger than a configuration file may be.
    case tooLarge(limit: Int)
}

extension ConfigProblem: CustomStringConvertible {
    /// A sentence for people.
    public var description: String {
        switch self {
        case .syntax(let line, let column, let message): "YAML syntax error at line \(line), column \(column): \(message)"
        case .tooComplex(let reason): "The configuration is too complex: \(reason)."
        case .invalid(let issues):
            issues.count == 1 ? "\(issues.keys.first!): \(issues.values.first!)" : "\(issues.count) values do not match the schema."
        case .editConflict(let path, let reason): "Cannot edit \(path): \(reason)"
        case .tooLarge(let limit): "The configuration is larger than \(limit) bytes."
        }
    }
}
