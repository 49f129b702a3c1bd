/// How secret values are shown: the first and last four characters of a long value (`sk-o…cdef`), nothing of a short one.
public enum SecretMask {
    /// Values shorter than this are masked completely.
    public static let minimumRevealingLength = 12

    /// The masked form of `value`.
    public static func mask(_ value: String) -> String {
        guard value.count >= minimumRevealingLength else { return String(repeating: "•", count: 8) }
        return String(value.prefix(4)) + "…" + String(value.suffix(4))
    }
}
