/// Token counters as the agent stores them: input excludes cache reads and writes; reasoning is part of output.
public struct TokenCounts: Sendable, Codable, Equatable {
    /// Prompt tokens that were neither read from nor written to the cache.
    public var input: Int
    /// Completion tokens (including reasoning).
    public var output: Int
    /// Prompt tokens served from the provider's cache.
    public var cacheRead: Int
    /// Prompt tokens written to the provider's cache.
    public var cacheWrite: Int
    /// Hidden reasoning tokens, a subset of `output`.
    public var reasoning: Int

    /// All zero.
    public static let zero = TokenCounts(input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0)

    /// Creates counters.
    public init(input: Int, output: Int, cacheRead: Int, cacheWrite: Int, reasoning: Int) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.reasoning = reasoning
    }

    /// The agent's "total tokens": input + output + cache read + cache write (reasoning is inside output).
    public var total: Int { input + output + cacheRead + cacheWrite }

    /// Field-wise sum.
    public static func + (lhs: TokenCounts, rhs: TokenCounts) -> TokenCounts {
        TokenCounts(
            input: lhs.input + rhs.input, output: lhs.output + rhs.output, cacheRead: lhs.cacheRead + rhs.cacheRead,
            cacheWrite: lhs.cacheWrite + rhs.cacheWrite, reasoning: lhs.reasoning + rhs.reasoning)
    }

    private enum CodingKeys: String, CodingKey {
        case input, output, cacheRead, cacheWrite, reasoning, total
    }

    /// Decodes the counters (`total` is derived and ignored).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            input: try container.decode(Int.self, forKey: .input), output: try container.decode(Int.self, forKey: .output),
            cacheRead: try container.decode(Int.self, forKey: .cacheRead), cacheWrite: try container.decode(Int.self, forKey: .cacheWrite),
            reasoning: try container.decode(Int.self, forKey: .reasoning))
    }

    /// Encodes the counters and their total.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(input, forKey: .input)
        try container.encode(output, forKey: .output)
        try container.encode(cacheRead, forKey: .cacheRead)
        try container.encode(cacheWrite, forKey: .cacheWrite)
        try container.encode(reasoning, forKey: .reasoning)
        try container.encode(total, forKey: .total)
    }
}
