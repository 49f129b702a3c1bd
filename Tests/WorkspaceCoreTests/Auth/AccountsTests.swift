import Foundation
import HummingbirdOTP
import TestSupport
import Testing

@testable import WorkspaceCore

@Suite struct AccountsTests {
    /// A clock the test moves.
    final class Clock: WorkspaceClock, @unchecked Sendable {
        var moment: Date
        init(_ moment: Date) { self.moment = moment }
        func now() -> Date { moment }
    }

    private func accounts(_ fixture: FixtureHome, clock: Clock = Clock(Date(timeIntervalSince1970: 1_764_000_000))) -> Accounts {
        Accounts(home: fixture.home, clock: clock, iterations: 1_000)
    }

    /// RFC 6238 appendix B, SHA-1: the library the accounts use computes every published code (8 digits), and the
    /// 6-digit check accepts the last six digits at the right 30 s step.
    @Test func theRFC6238TestVectorsPass() {
        let vectors: [(TimeInterval, Int)] = [
            (59, 94_287_082), (1_111_111_109, 7_081_804), (1_111_111_111, 14_050_471), (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037), (20_000_000_000, 65_353_130),
        ]
        let totp = TOTP(secret: "12345678901234567890", length: 8, timeStep: 30)
        for (time, code) in vectors {
            #expect(totp.compute(date: Date(timeIntervalSince1970: time)) == code, "T = \(time)")
            let six = String(format: "%06d", code % 1_000_000)
            #expect(
                Accounts.matchingStep(secret: "12345678901234567890", code: six, at: Date(timeIntervalSince1970: time), after: 0)
                    == Int64(time) / 30)
        }
    }

    @Test func accountsHaveRolesAndTheLastAdminStays() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let store = accounts(fixture)
        #expect(!store.isSet)
        try store.create("Ada", role: .admin, password: "correct horse battery")
        #expect(store.isSet)
        #expect(throws: WorkspaceError.self) { try store.create("ada", role: .viewer, password: "another long password") }
        #expect(throws: WorkspaceError.self) { try store.create("bridge", role: .agent, password: "another long password") }
        #expect(throws: WorkspaceError.self) { try store.create("bad name", role: .viewer, password: "another long password") }
        #expect(throws: WorkspaceError.self) { try store.create("short", role: .viewer, password: "too short") }
        #expect(try store.verify("ADA", password: "correct horse battery")?.name == "Ada", "names are case-insensitive")
        #expect(try store.verify("Ada", password: "wrong horse battery") == nil)
        #expect(try store.verify("nobody", password: "correct horse battery") == nil)

        for change in [{ try store.remove("Ada") }, { try store.setDisabled("Ada", true) }, { try store.setRole("Ada", .operator) }] {
            #expect(throws: WorkspaceError.conflict("Ada is the last enabled admin; make another admin first.")) { try change() }
        }
        try store.create("Bo", role: .operator, password: "operator password 1")
        try store.setRole("Bo", .admin)
        try store.setRole("Ada", .viewer)
        try store.setDisabled("Bo", false)
        #expect(throws: WorkspaceError.self) { try store.setDisabled("Bo", true) }
        try store.setDisabled("Ada", true)
        #expect(try store.verify("Ada", password: "correct horse battery") == nil, "a disabled account cannot sign in")
        #expect(try store.list().map { "\($0.name):\($0.role.rawValue):\($0.disabled)" } == ["Ada:viewer:true", "Bo:admin:false"])
        try store.remove("Ada")
        #expect(try store.list().map(\.name) == ["Bo"])
    }

    @Test func aSecondFactorIsEnrolledUsedOnceAndRecoveredOnce() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let clock = Clock(Date(timeIntervalSince1970: 1_764_000_000))
        let store = accounts(fixture, clock: clock)
        try store.create("ops", role: .operator, password: "operator password 1")
        let enrollment = try store.beginSecondFactor("ops")
        #expect(enrollment.uri.hasPrefix("otpauth://totp/") && enrollment.uri.contains("secret=\(enrollment.secret)"))
        let secret = try #require(Base32.decodedText(enrollment.secret))
        let code = { (date: Date) in String(format: "%06d", TOTP(secret: secret, length: 6, timeStep: 30).compute(date: date)) }
        #expect(throws: WorkspaceError.self) { try store.confirmSecondFactor("ops", code: "000000") }
        #expect(try store.account(named: "ops")?.secondFactor == false, "not in force before it is confirmed")
        let recovery = try store.confirmSecondFactor("ops", code: code(clock.moment))
        #expect(recovery.count == 10 && Set(recovery).count == 10)
        #expect(try store.account(named: "ops").map { $0.secondFactor && $0.recoveryCodesLeft == 10 } == true)

        clock.moment += 30
        let now = code(clock.moment)
        #expect(try store.checkSecondFactor("ops", code: now))
        #expect(try !store.checkSecondFactor("ops", code: now), "a code is never accepted twice")
        #expect(try !store.checkSecondFactor("ops", code: code(clock.moment - 30)), "nor an older one")
        clock.moment += 30
        #expect(try store.checkSecondFactor("ops", code: code(clock.moment + 30)), "one step of clock drift ahead is fine")
        #expect(try !store.checkSecondFactor("ops", code: code(clock.moment + 600)))
        #expect(try store.checkSecondFactor("ops", code: recovery[3].uppercased()))
        #expect(try !store.checkSecondFactor("ops", code: recovery[3]), "a recovery code works once")
        #expect(try store.account(named: "ops")?.recoveryCodesLeft == 9)
        let fresh = try store.newRecoveryCodes("ops")
        #expect(try !store.checkSecondFactor("ops", code: recovery[4]) && store.checkSecondFactor("ops", code: fresh[0]))
        try store.removeSecondFactor("ops")
        #expect(try store.account(named: "ops").map { !$0.secondFactor && $0.recoveryCodesLeft == 0 } == true)
        #expect(try !store.checkSecondFactor("ops", code: fresh[1]))

        try store.requireSecondFactor(for: [.operator, .admin])
        #expect(try store.rolesRequiringSecondFactor() == [.operator, .admin])
        #expect(throws: WorkspaceError.self) { try store.requireSecondFactor(for: [.agent]) }
    }

    /// The single password of earlier builds (`auth.json`) becomes the first admin, with the same password.
    @Test func theEarlierPasswordBecomesTheFirstAdmin() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let salt = [UInt8](repeating: 7, count: 16)
        let hash = try Accounts.derive("the old password!", salt: salt, rounds: 1_000)
        try fixture.write(
            """
            {"algorithm": "pbkdf2-sha256", "hash": "\(Data(hash).base64EncodedString())", "iterations": 1000,
             "salt": "\(Data(salt).base64EncodedString())", "updatedAt": "2026-01-01T00:00:00Z", "user": "dana", "version": 1}
            """, to: "workspace/auth.json")
        let store = accounts(fixture)
        #expect(store.isSet)
        #expect(try store.verify("dana", password: "the old password!")?.role == .admin)
        #expect(!FileManager.default.fileExists(atPath: fixture.home.workspaceDirectory.appendingPathComponent("auth.json").path))
        #expect(FileManager.default.fileExists(atPath: fixture.home.workspaceDirectory.appendingPathComponent("auth.json.imported").path))
    }
}
