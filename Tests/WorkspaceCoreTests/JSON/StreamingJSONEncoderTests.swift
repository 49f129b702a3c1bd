import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct StreamingJSONEncoderTests {
    private func foundationJSON(_ value: some Encodable) throws -> NSObject {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try JSONSerialization.jsonObject(with: try encoder.encode(value)) as! NSObject
    }

    private func streamingJSON(_ value: some Encodable) throws -> NSObject {
        try JSONSerialization.jsonObject(with: Data(try StreamingJSONEncoder().encode(value))) as! NSObject
    }

    @Test func responsesMatchFoundationsEncoding() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let store = state.store()
        var query = SessionQuery()
        query.limit = 200
        let page = try await store.page(query, includeTotal: true)
        #expect(try streamingJSON(page) == foundationJSON(page))
        let id = try #require(try state.strings("SELECT session_id FROM messages WHERE tool_calls IS NOT NULL LIMIT 1").first)
        let detail = try await store.detail(id: id)
        #expect(try streamingJSON(detail) == foundationJSON(detail))
        let transcript = try await store.transcript(id: id)
        #expect(try streamingJSON(transcript) == foundationJSON(transcript))
        let analytics = AnalyticsService(database: state.database, timeZone: AgentTimeZone(home: state.home, environment: [:]))
        let usage = try await analytics.usage(try .lastDays(30, now: StateHome.demoNow, timeZone: TimeZone(identifier: "UTC")!))
        #expect(try streamingJSON(usage) == foundationJSON(usage))
    }

    @Test func textIsEscapedAndDatesAreWholeSecondsInUTC() throws {
        struct Sample: Encodable {
            let text: String
            let date: Date
            let missing: String?
            let list: [Int]
            let nested: [String: Bool]
        }
        let sample = Sample(
            text: "a\"b\\c\n\u{1}/é", date: Date(timeIntervalSince1970: 1_795_600_000.75), missing: nil, list: [1, 2], nested: ["x": true])
        let text = String(decoding: try StreamingJSONEncoder().encode(sample), as: UTF8.self)
        #expect(text == #"{"text":"a\"b\\c\n\u0001/é","date":"2026-11-25T09:46:40Z","list":[1,2],"nested":{"x":true}}"#)
    }

    @Test func datesAreWhatFoundationsISO8601FormatterWrites() throws {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        // Leap days, centuries, the epoch and before it, and a spread of ordinary instants up to year 9999.
        let edges: [Double] = [0, -1, -86_400, 951_782_400, 951_868_799, 4_107_542_400, -2_208_988_800, 253_402_300_799, 1_795_600_000.75]
        let instants = edges + (0..<2_000).map { _ in Double.random(in: -2_208_988_800...253_402_300_799, using: &generator).rounded(.down) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let text = String(decoding: try StreamingJSONEncoder().encode([date]), as: UTF8.self)
            #expect(text == "[\"\(formatter.string(from: date))\"]", "\(seconds)")
        }
    }

    @Test func integersAreWrittenDigitForDigitAtEveryWidth() throws {
        struct Numbers: Encodable {
            let ints: [Int]
            let unsigned: UInt64
            let small: Int8
            let whole: Double
        }
        let numbers = Numbers(ints: [0, 9, 10, -1, -10, 1_234_567, Int.max, Int.min], unsigned: .max, small: -128, whole: -42)
        let text = String(decoding: try StreamingJSONEncoder().encode(numbers), as: UTF8.self)
        #expect(
            text
                == #"{"ints":[0,9,10,-1,-10,1234567,9223372036854775807,-9223372036854775808],"unsigned":18446744073709551615,"small":-128,"whole":-42}"#
        )
    }

    @Test func nonFiniteNumbersAreRefused() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode([Double.nan]) }
    }
}
