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

    /// Field-wise sum, held at `Int.max` instead of overflowing (however many usage rows a hand-made file holds).
    public static func + (lhs: TokenCounts, rhs: TokenCounts) -> TokenCounts {
        func sum(_ a: Int, _ b: Int) -> Int {
            let (value, overflow) = a.addingReportingOverflow(b)
            return overflow ? (b > 0 ? .max : .min) : value
        }
        return TokenCounts(
            input: sum(lhs.input, rhs.input), output: sum(lhs.output, rhs.output), cacheRead: sum(lhs.cacheRead, rhs.cacheRead),
            cacheWrite: sum(lhs.cacheWrite, rhs.cacheWrite), reasoning: sum(lhs.reasoning, rhs.reasoning))
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

extension Int {
    /// The largest counter (tokens, messages, calls) read from the agent's rows: 2^48, far past any real session, so
    /// sums over a compression chain (at most 1,001 segments) and the four-part token total can never overflow.
    static let counterLimit = 1 << 48

    /// A counter as read from the agent's rows, which anyone who can write the home can fill with anything: below zero
    /// reads as zero, past ``counterLimit`` as the limit (a sum of hostile values must not stop the server).
    static func counter(_ value: Int?) -> Int { Swift.min(Swift.max(value ?? 0, 0), counterLimit) }
}
