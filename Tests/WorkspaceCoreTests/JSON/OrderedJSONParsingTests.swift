import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct OrderedJSONParsingTests {
    @Test func objectsKeepTheirKeyOrderAndRoundTrip() throws {
        let text = #"{"z": 1, "a": [true, false, null, -2.5e3, "x\"\\\/\n\u00e9\ud83d\ude00"], "m": {}}"#
        let value = try OrderedJSON(parsing: text)
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["z", "a", "m"])
        #expect(value.rendered(.compact) == #"{"z":1,"a":[true,false,null,-2500.0,"x\"\\/\né😀"],"m":{}}"#)
    }

    @Test func malformedTextIsRefusedWithAnOffset() {
        for text in ["", "{", #"{"a" 1}"#, "[1,]", "01x", "\"\u{01}\"", "nul", "1 2", #"{"a":1,}"#] {
            #expect(throws: OrderedJSON.ParseError.self, "\(text.debugDescription)") { try OrderedJSON(parsing: text) }
        }
        #expect(throws: OrderedJSON.ParseError.self) {
            try OrderedJSON(parsing: String(repeating: "[", count: 300) + String(repeating: "]", count: 300))
        }
    }
}
