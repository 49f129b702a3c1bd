import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct DotEnvReaderTests {
    @Test func readsTheAgentFixtureLikeTheAgentsKeyReader() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let values = DotEnvReader().values(at: fixture.home.envFile)
        #expect(values["OPENROUTER_API_KEY"] == "sk-or-v1-0123456789abcdef0123456789abcdef")
        #expect(values["ANTHROPIC_API_KEY"] == "sk-ant-api03-devfixturedevfixture")
        #expect(values["TELEGRAM_BOT_TOKEN"] == "123456:ABCdefGhIjkLmNoPqRsTuVwXyZ")
        #expect(values["API_SERVER_ENABLED"] == "true")
        #expect(values["FIRECRAWL_API_KEY"] == nil)
    }

    @Test func quotingRulesAndLastOccurrenceWins() {
        let text = "\u{FEFF}A=1\nA=2\nB=\"x \\\"q\\\" \\\\ \\n\"\nC='lit \\n'\nD=v # kept\n  # comment\nnoequals\n=empty\n"
        let values = DotEnvReader().values(in: text)
        #expect(values["A"] == "2")
        #expect(values["B"] == "x \"q\" \\ \\n")
        #expect(values["C"] == "lit \\n")
        #expect(values["D"] == "v # kept")
        #expect(values.count == 4)
    }
}
