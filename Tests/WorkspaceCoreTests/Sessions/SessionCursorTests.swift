import Testing

@testable import WorkspaceCore

@Suite struct SessionCursorTests {
    @Test func tokensAreURLSafeAndReadBackExactly() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ019_-:/+=é🙂 ")
        for sort in SessionQuery.Sort.allCases {
            for _ in 0..<200 {
                let id = String((0..<Int.random(in: 1...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
                let value = Double.random(in: -1e12...1e12, using: &generator)
                let token = SessionCursor(sort: sort, value: value, id: id).token
                #expect(
                    token.utf8.allSatisfy {
                        $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || ($0 < 0x80 && Character(Unicode.Scalar($0)).isLetter)
                            || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                    }, "\(token)")
                let read = try SessionCursor(token: token, expecting: sort)
                #expect(read.id == id && read.value.bitPattern == value.bitPattern && read.sort == sort)
            }
        }
    }
}
