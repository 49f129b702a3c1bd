/// Cache keys built from several optional texts.
public enum CacheKey {
    /// `parts` joined so that no two lists share a key whatever their texts hold: each part is its length and its
    /// text, a missing one `-`.
    public static func joining(_ parts: [String?]) -> String {
        parts.map { $0.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined(separator: "|")
    }
}
