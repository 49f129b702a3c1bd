/// Money spent, split honestly into the agent's own estimate and what a provider reported.
public struct CostFigures: Sendable, Codable, Equatable {
    /// Sum of the agent's estimates, in US dollars.
    public var estimatedUSD: Double
    /// Sum of provider-reported costs where any were reported; `nil` when none were.
    public var actualUSD: Double?
    /// The agent's `cost_status` (`actual`, `estimated`, `included`, `unknown`) when a single one applies.
    public var status: String?

    /// Nothing spent, nothing reported.
    public static let zero = CostFigures(estimatedUSD: 0, actualUSD: nil, status: nil)

    /// Creates figures.
    public init(estimatedUSD: Double, actualUSD: Double?, status: String?) {
        self.estimatedUSD = estimatedUSD
        self.actualUSD = actualUSD
        self.status = status
    }

    /// Sums two figures; the status survives only when both agree.
    public static func + (lhs: CostFigures, rhs: CostFigures) -> CostFigures {
        let actual: Double? = (lhs.actualUSD == nil && rhs.actualUSD == nil) ? nil : (lhs.actualUSD ?? 0) + (rhs.actualUSD ?? 0)
        return CostFigures(
            estimatedUSD: lhs.estimatedUSD + rhs.estimatedUSD, actualUSD: actual,
            status: lhs.status == rhs.status ? lhs.status : (lhs.status == nil ? rhs.status : (rhs.status == nil ? lhs.status : "mixed")))
    }
}
