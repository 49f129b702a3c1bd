import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct SkillsRegistryTests {
    @Test func theAgentsSkillsWithCategoriesAndEnabledState() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let skills = SkillsRegistry(home: fixture.home, environment: [:]).skills()
        #expect(skills.map(\.name) == ["docker-cleanup", "legacy-notes", "web-research", "weekly-report"])
        let research = try #require(skills.first { $0.name == "web-research" })
        #expect(research.category == "research" && research.path == "research/web-research" && research.root == "local")
        #expect(research.description == "Search the web and summarise sources" && research.version == "1.0.0" && research.tags == ["research"])
        #expect(research.enabled && research.disabledOn == ["telegram"])
        let legacy = try #require(skills.first { $0.name == "legacy-notes" })
        #expect(legacy.category == nil && !legacy.enabled)
        #expect(skills.allSatisfy { $0.warnings.isEmpty && $0.provenance == "local" })
    }

    @Test func problemsBecomeWarningsAndNeverFailTheList() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write("no front matter here\n", to: "skills/plain/SKILL.md")
        try fixture.write("---\nname: [unclosed\n---\nbody\n", to: "skills/broken/SKILL.md")
        try fixture.write("---\nname: \(String(repeating: "n", count: 70))\ndescription: d\n---\nbody\n", to: "skills/tools/long/SKILL.md")
        try fixture.write("---\nname: twin\ndescription: first\n---\nbody\n", to: "skills/a/twin/SKILL.md")
        try fixture.write("---\nname: twin\ndescription: second\n---\nbody\n", to: "skills/b/twin/SKILL.md")
        try fixture.write(
            "---\nname: mac-only\ndescription: d\nplatforms: [macos]\nrequired_environment_variables:\n  - NEEDED_KEY\n  - {name: OPTIONAL_KEY, optional: true}\nprerequisites: {env_vars: [LEGACY_KEY]}\n---\nbody\n",
            to: "skills/mac-only/SKILL.md")
        try fixture.write("---\nname: outside\ndescription: d\n---\nsecret\n", to: "elsewhere/outside/SKILL.md")
        try FileManager.default.createSymbolicLink(
            at: fixture.home.skillsDirectory.appendingPathComponent("escape"),
            withDestinationURL: fixture.home.root.appendingPathComponent("elsewhere/outside"))
        let skills = SkillsRegistry(home: fixture.home, environment: [:]).skills()
        func warnings(_ path: String) -> [String] { skills.first { $0.path == path }?.warnings ?? ["missing \(path)"] }
        #expect(warnings("plain").contains { $0.contains("does not start with") })
        #expect(warnings("broken").contains { $0.contains("not valid YAML") })
        #expect(warnings("tools/long").contains { $0.contains("longer than 64") })
        #expect(warnings("a/twin").isEmpty && warnings("b/twin").contains { $0.contains("comes first") })
        #expect(warnings("mac-only").contains { $0.contains("only for macos") })
        #expect(skills.first { $0.name == "mac-only" }?.requiredVariables == ["NEEDED_KEY", "LEGACY_KEY"])
        #expect(warnings("escape").contains { $0.contains("outside its skills folder") })
    }

    @Test func externalDirectoriesAndAChangeAreSeen() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        try fixture.write("---\nname: shared-tool\ndescription: from a team folder\n---\nbody\n", to: "team-skills/shared-tool/SKILL.md")
        let config = try String(contentsOf: fixture.home.configFile, encoding: .utf8)
        try (config + "\n# team\n").replacingOccurrences(of: "skills:\n", with: "skills:\n  external_dirs: [\"${TEAM}/team-skills\", missing-dir]\n")
            .write(to: fixture.home.configFile, atomically: true, encoding: .utf8)
        let registry = SkillsRegistry(home: fixture.home, environment: ["TEAM": fixture.home.root.path])
        let first = registry.skills()
        #expect(first.last?.name == "shared-tool" && first.last?.root.hasSuffix("team-skills") == true && first.last?.provenance == "external")
        #expect(registry.skills() == first, "unchanged files: the cached list")
        try fixture.write("---\nname: web-research\ndescription: Changed by hand\n---\nbody\n", to: "skills/research/web-research/SKILL.md")
        #expect(registry.skills().first { $0.name == "web-research" }?.description == "Changed by hand")
    }
}
