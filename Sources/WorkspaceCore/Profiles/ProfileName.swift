/// A profile's name as the agent spells it on disk and in `hermes -p NAME`: `default` for the root home, else
/// `^[a-z0-9][a-z0-9_-]{0,63}$` and not one of the agent's reserved words (`hermes_cli/profiles.py`,
/// `validate_profile_name`). Checked before any path is built from it.
public struct ProfileName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The root home's name.
    public static let `default` = ProfileName(checked: "default")
    /// Names the agent refuses for a new profile (they collide with the install itself or common programs).
    public static let reserved: Set<String> = ["hermes", "default", "test", "tmp", "root", "sudo"]

    /// The name.
    public let rawValue: String

    private init(checked: String) { rawValue = checked }

    /// A name as given in a URL or a request, lower-cased; a name with path tricks, spaces or over 64 characters is
    /// refused (400) before any path is built from it.
    public init(_ text: String) throws {
        // Lower-cased as the agent's `normalize_profile_name` does (pages may send a title-cased label); nothing else
        // is changed, so a name with path tricks is refused rather than repaired.
        let name = text.lowercased()
        if name == "default" {
            self = .default
            return
        }
        guard Self.isWellFormed(name) else {
            throw WorkspaceError.invalidInput(
                "\"\(text.prefix(80))\" is not a profile name: use 1 to 64 of a-z, 0-9, '-' and '_', starting with a letter or digit.")
        }
        rawValue = name
    }

    /// Whether `text` has the shape of a named profile's folder (the agent ignores folders of any other shape).
    public static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...64).contains(bytes.count), let first = bytes.first, isLowerAlphanumeric(first) else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// A name for a new profile, trimmed and lower-cased as the agent's `normalize_profile_name` does: well formed,
    /// not `default` and not reserved.
    public static func forNewProfile(_ text: String) throws -> ProfileName {
        let name = try ProfileName(text.trimmingCharacters(in: .whitespaces).lowercased())
        guard !name.isDefault, !reserved.contains(name.rawValue) else {
            throw WorkspaceError.invalidInput(
                "\"\(name.rawValue)\" is reserved by the agent (it collides with the install itself or a system program).")
        }
        return name
    }

    /// Whether this is the root home.
    public var isDefault: Bool { rawValue == "default" }

    public var description: String { rawValue }

    public static func < (lhs: ProfileName, rhs: ProfileName) -> Bool {
        lhs.isDefault != rhs.isDefault ? lhs.isDefault : lhs.rawValue < rhs.rawValue
    }
}
