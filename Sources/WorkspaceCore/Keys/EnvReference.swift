import Foundation

/// A value that is only a reference to an environment variable, `${VAR}` (or Cursor-style `${env:VAR}`), which the
/// agent resolves from its environment (which includes `.env`). Such a value is not a secret: masking leaves it
/// readable, and editors keep it as written.
public enum EnvReference {
    /// The variable a whole-value reference names, else nil.
    public static func variable(in value: String) -> String? {
        guard let match = value.wholeMatch(of: /\$\{(?:env:)?\s*([A-Za-z_][A-Za-z0-9_.\-]*)\s*\}/) else { return nil }
        return String(match.output.1)
    }

    /// Whether `value` is a whole-value reference.
    public static func isReference(_ value: String) -> Bool { variable(in: value) != nil }
}
