import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct ProfileDirectoryTests {
    @Test func namesAreCheckedBeforeAnyPathIsBuilt() throws {
        for bad in ["", "../etc", "a/b", ".hidden", "-x", "_x", "x y", "x\u{0}", String(repeating: "a", count: 65), "%2e%2e", "é"] {
            #expect(throws: WorkspaceError.self, "\(bad.debugDescription)") { try ProfileName(bad) }
        }
        #expect(try ProfileName("Coder").rawValue == "coder")
        #expect(try ProfileName("Default").isDefault)
        #expect(try ProfileName(String(repeating: "a", count: 64)).rawValue.count == 64)
        for reserved in ["hermes", "test", "tmp", "root", "sudo", "default"] {
            #expect(throws: WorkspaceError.self) { try ProfileName.forNewProfile(reserved) }
        }
        #expect(try ProfileName.forNewProfile(" Writer ").rawValue == "writer")
    }

    @Test func profilesAreTheRootAndEveryWellNamedFolderAsTheAgentFindsThem() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        for name in ["coder", "writer", "Bad", ".git", "default"] {
            try FileManager.default.createDirectory(
                at: fixture.home.root.appendingPathComponent("profiles/\(name)"), withIntermediateDirectories: true)
        }
        try fixture.write("not a folder", to: "profiles/notes")
        let directory = ProfileDirectory(root: fixture.home)
        #expect(directory.names().map(\.rawValue) == ["default", "coder", "writer"])
        #expect(try directory.home(of: ProfileName("coder")).root.lastPathComponent == "coder")
        #expect(try directory.home(of: .default) == fixture.home)
        #expect(throws: WorkspaceError.notFound(what: "Profile ghost")) { try directory.home(of: ProfileName("ghost")) }
        #expect(directory.active().isDefault)
        try fixture.write("writer\n", to: "active_profile")
        #expect(directory.active().rawValue == "writer")
        try fixture.write("ghost\n", to: "active_profile")
        #expect(directory.active().isDefault, "a sticky profile that no longer exists is the default, as the CLI treats it")
    }

    @Test func aRestartIsNeededOnlyForWhatChangedAfterTheGatewayStarted() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write("model: a\n", to: "config.yaml")
        try fixture.write("A=1\n", to: ".env")
        try fixture.write("---\nname: deploy\n---\n", to: "skills/devops/deploy/SKILL.md")
        let check = RestartCheck(home: fixture.home)
        let started = Date().addingTimeInterval(5)
        #expect(check.report(gatewayStartedAt: started) == nil)
        let later = started.addingTimeInterval(10)
        for path in ["config.yaml", "skills/devops/deploy/SKILL.md"] {
            try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: fixture.home.root.appendingPathComponent(path).path)
        }
        // The agent's own sidecars beside the skills change while it runs: never a reason to restart.
        try fixture.write("{}", to: "skills/.usage.json")
        try FileManager.default.setAttributes(
            [.modificationDate: later], ofItemAtPath: fixture.home.root.appendingPathComponent("skills/.usage.json").path)
        let report = try #require(check.report(gatewayStartedAt: started))
        #expect(Set(report.changed.map(\.path)) == ["config.yaml", "skills/devops/deploy/SKILL.md"])
    }
}
