extension Duration {
    /// The duration in (fractional) milliseconds, for logs and latency figures.
    public var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
