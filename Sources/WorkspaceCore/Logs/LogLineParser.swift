import Foundation

/// Recognises the header line of a record in the agent's format, without regular expressions:
/// `YYYY-MM-DD HH:MM:SS,mmm LEVEL [session] logger: message` (the session part is optional).
struct LogLineParser: Sendable {
    /// The parts of a header line.
    struct Header: Equatable {
        var localTime: String
        var level: String
        var session: String?
        var logger: String
        var message: String
    }

    private static let levels: Set<String> = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

    /// The header parts of `line`, or `nil` when it is a continuation or unparseable line.
    func header(_ line: Substring) -> Header? {
        let bytes = line.utf8
        guard bytes.count >= 25 else { return nil }
        let stamp = bytes.prefix(23)
        let pattern = Array("0000-00-00 00:00:00,000".utf8)
        for (byte, expected) in zip(stamp, pattern) {
            if expected == UInt8(ascii: "0") {
                guard byte >= 48 && byte <= 57 else { return nil }
            } else {
                guard byte == expected else { return nil }
            }
        }
        guard bytes[bytes.index(bytes.startIndex, offsetBy: 23)] == UInt8(ascii: " ") else { return nil }
        var rest = line.dropFirst(24)
        guard let levelEnd = rest.firstIndex(of: " ") else { return nil }
        let level = String(rest[..<levelEnd])
        guard Self.levels.contains(level) else { return nil }
        rest = rest[rest.index(after: levelEnd)...]
        var session: String?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            session = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...].drop { $0 == " " }
        }
        guard let colon = rest.range(of: ": ") ?? (rest.hasSuffix(":") ? rest.index(before: rest.endIndex)..<rest.endIndex : nil) else { return nil }
        let logger = String(rest[..<colon.lowerBound])
        guard !logger.isEmpty, !logger.contains(" ") else { return nil }
        return Header(localTime: String(line.prefix(23)), level: level, session: session, logger: logger, message: String(rest[colon.upperBound...]))
    }

    /// The instant of a local timestamp in `zone`.
    static func date(_ localTime: String, zone: TimeZone) -> Date? {
        let parts = localTime.split(whereSeparator: { "- :,".contains($0) }).compactMap { Int($0) }
        guard parts.count == 7 else { return nil }
        var components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4], second: parts[5])
        components.nanosecond = parts[6] * 1_000_000
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: components)
    }
}
