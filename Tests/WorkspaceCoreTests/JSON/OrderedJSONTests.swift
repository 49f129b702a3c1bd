import Testing

@testable import WorkspaceCore

/// Expected texts were produced by CPython 3.11's `json.dumps(…, ensure_ascii=False)` for the same document.
@Suite struct OrderedJSONTests {
    private static let document = OrderedJSON.object([
        "id": .string("x"), "n": .int(1), "f": .double(0.5), "w": .double(2), "e": .array([]), "o": .object([]),
        "l": .array([.int(1), .object(["a": .null, "b": .bool(true)])]), "s": .string("q\"\\\n\té\u{01}"),
    ])

    @Test func indentedMatchesPythonsIndentTwo() {
        let expected =
            "{\n  \"id\": \"x\",\n  \"n\": 1,\n  \"f\": 0.5,\n  \"w\": 2.0,\n  \"e\": [],\n  \"o\": {},\n  \"l\": [\n    1,\n    {\n"
            + "      \"a\": null,\n      \"b\": true\n    }\n  ],\n  \"s\": \"q\\\"\\\\\\n\\té\\u0001\"\n}"
        #expect(Self.document.rendered(.indented) == expected)
    }

    @Test func singleLineAndCompactMatchPythonsSeparators() {
        #expect(
            Self.document.rendered(.singleLine)
                == #"{"id": "x", "n": 1, "f": 0.5, "w": 2.0, "e": [], "o": {}, "l": [1, {"a": null, "b": true}], "s": "q\"\\\n\té\u0001"}"#)
        #expect(
            Self.document.rendered(.compact)
                == #"{"id":"x","n":1,"f":0.5,"w":2.0,"e":[],"o":{},"l":[1,{"a":null,"b":true}],"s":"q\"\\\n\té\u0001"}"#)
    }
}
