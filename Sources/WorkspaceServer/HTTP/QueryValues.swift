import Foundation
import Hummingbird
import WorkspaceCore

/// Typed access to a request's query string; every malformed value is a 400 naming the parameter.
struct QueryValues {
    private var parameters: [String: [String]] = [:]
    /// Names whose value is not percent-encoded UTF-8.
    private var undecodable: Set<String> = []

    /// Reads the query string once: `name=value` pairs, values percent-decoded (the router's own parse would hand
    /// over a value that is not UTF-8 undecoded, indistinguishable from text that merely contains `%`).
    init(_ request: Request) {
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            // Form encoding: `+` is a space (a literal plus arrives as %2B).
            let name = Self.decoded(parts[0]) ?? String(parts[0])
            guard parts.count == 2 else {
                parameters[name, default: []].append("")
                continue
            }
            if let value = Self.decoded(parts[1]) {
                parameters[name, default: []].append(value)
            } else {
                undecodable.insert(name)
            }
        }
    }

    /// Form decoding of one name or value; nil when it is not percent-encoded UTF-8. Text with neither `%` nor
    /// `+` (most of it) is taken as it is.
    private static func decoded(_ text: Substring) -> String? {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(text) }
        return text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The decoded value of `name`, if present and not empty; text that is not UTF-8 or holds NUL is refused.
    func string(_ name: String, maximumLength: Int = 1_024) throws -> String? {
        guard !undecodable.contains(name) else { throw Self.invalid(name, "is not percent-encoded UTF-8") }
        guard let value = parameters[name]?.first, !value.isEmpty else { return nil }
        guard !value.contains("\0") else { throw Self.invalid(name, "holds a NUL character") }
        guard value.count <= maximumLength else { throw Self.invalid(name, "is longer than \(maximumLength) characters") }
        return value
    }

    /// The value of `name`, which when present must not be empty (a name such as `profile=` is refused, not taken
    /// as absent).
    func nonEmpty(_ name: String, maximumLength: Int = 1_024) throws -> String? {
        if let value = parameters[name]?.first, value.isEmpty { throw Self.invalid(name, "is empty; leave it out for the default") }
        return try string(name, maximumLength: maximumLength)
    }

    /// Parameter `name`, or — when it is absent — `old`, the spelling it replaces (kept for one release).
    func deprecatedAlias(_ name: String, old: String, maximumLength: Int = 1_024) throws -> String? {
        try string(name, maximumLength: maximumLength) ?? string(old, maximumLength: maximumLength)
    }

    /// The text of a typed parameter (number, flag, choice, date, zone), or `nil` when absent; present but empty is
    /// not a value of any of those types, so it is refused rather than taken as absent.
    private func typed(_ name: String, maximumLength: Int = 1_024) throws -> String? {
        guard let value = parameters[name]?.first else { return nil }
        guard !value.isEmpty else { throw Self.invalid(name, "is empty; leave it out for the default") }
        return try string(name, maximumLength: maximumLength)
    }

    /// Every value of `name`, repeated or comma-separated.
    func list(_ name: String) throws -> [String] {
        let values: [String] = parameters[name] ?? []
        return values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// An integer in `range`, or `defaultValue` when absent.
    func int(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) throws -> Int {
        guard let text = try typed(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw Self.invalid(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `true`/`false` (also `1`/`0`, `yes`/`no`), or `nil` when absent.
    func bool(_ name: String) throws -> Bool? {
        guard let text = try typed(name)?.lowercased() else { return nil }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Self.invalid(name, "must be true or false")
        }
    }

    /// One of an enum's raw values, or `defaultValue` when absent.
    func choice<Value: RawRepresentable & CaseIterable>(_ name: String, default defaultValue: Value) throws -> Value where Value.RawValue == String {
        guard let text = try typed(name) else { return defaultValue }
        guard let value = Value(rawValue: text) else {
            throw Self.invalid(name, "must be one of " + Value.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    /// An instant: epoch seconds, an ISO-8601 date-time, or a calendar date (`2026-11-24`) taken in `timeZone`;
    /// `endOfDay` makes a calendar date mean the end of that day (an inclusive `to`).
    func date(_ name: String, timeZone: TimeZone, endOfDay: Bool = false) throws -> Date? {
        guard let text = try typed(name, maximumLength: 64) else { return nil }
        if let epoch = Double(text), epoch.isFinite, abs(epoch) < 1e11 { return Date(timeIntervalSince1970: epoch) }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        if parts.count == 3, text.count == 10,
            let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            calendar.dateComponents([.year, .month, .day], from: day) == DateComponents(year: parts[0], month: parts[1], day: parts[2])
        {
            return endOfDay ? calendar.date(byAdding: .day, value: 1, to: day) : day
        }
        throw Self.invalid(name, "must be epoch seconds, an ISO-8601 date-time or a YYYY-MM-DD date")
    }

    /// An IANA time zone name, or `nil` when absent.
    func timeZone(_ name: String) throws -> TimeZone? {
        guard let text = try typed(name, maximumLength: 64) else { return nil }
        guard let zone = TimeZone(identifier: text) else { throw Self.invalid(name, "is not a known IANA time zone") }
        return zone
    }

    static func invalid(_ name: String, _ problem: String) -> APIError {
        APIError(.badRequest, code: "invalid_query", message: "Query parameter `\(name)` \(problem).", details: ["parameter": name])
    }
}
