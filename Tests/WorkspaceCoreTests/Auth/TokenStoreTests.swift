import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct TokenStoreTests {
    @Test func firstUseCreatesA256BitTokenInAPrivateFile() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let token = try TokenStore(home: fixture.home).current()
        #expect(token.value.count == 64)
        #expect(token.value.allSatisfy { $0.isHexDigit })
        let fileMode = try FileManager.default.attributesOfItem(atPath: fixture.home.tokenFile.path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: fixture.home.workspaceDirectory.path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
        #expect(try TokenStore(home: fixture.home).current() == token)
    }

    @Test func rotationIsSeenByAnotherStoreWithoutRestart() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let serving = TokenStore(home: fixture.home)
        let old = try serving.current()
        let new = try TokenStore(home: fixture.home).rotate()
        #expect(old != new)
        #expect(try serving.current() == new)
        #expect(!(try serving.current().matches(old.value)))
    }

    @Test func matchingRejectsWrongLengthsAndValues() {
        let token = APIToken(value: String(repeating: "ab", count: 32))
        #expect(token.matches(String(repeating: "ab", count: 32)))
        #expect(!token.matches(String(repeating: "ab", count: 31)))
        #expect(!token.matches(String(repeating: "ab", count: 32) + "a"))
        #expect(!token.matches(""))
        #expect(!token.matches(String(repeating: "ab", count: 31) + "ac"))
        #expect(!APIToken(value: "").matches(""))
        #expect("\(token)" == "APIToken(redacted)")
    }
}
