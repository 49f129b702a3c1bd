import ArgumentParser
import Foundation
import WorkspaceCore

#if canImport(Glibc)
import Glibc
#endif

/// `hermes-workspace passwd`: sets the admin's password — creating the admin account (`admin`, or `--user`) when
/// there is none, which turns on login mode (the browser signs in; the token file becomes read-only). The
/// account's sign-ins end.
struct PasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Set the admin's password (turns on login mode). Reads it from the terminal, or one line from stdin.")

    @OptionGroup var homeOption: HomeOption

    @Option(help: "The admin account (default: the first admin, or a new one named admin).")
    var user: String?

    func run() throws {
        let home = try homeOption.existingHome()
        let accounts = Accounts(home: home)
        let existing = try accounts.list()
        let name = user ?? existing.first { $0.role == .admin && !$0.disabled }?.name ?? "admin"
        let password = try PasswordPrompt.read(minimum: Accounts.minimumLength)
        if let account = existing.first(where: { $0.name.lowercased() == name.lowercased() }) {
            guard account.role == .admin else { throw ValidationError("\(account.name) is a \(account.role.rawValue); use 'user passwd' for it.") }
            try accounts.setPassword(account.name, to: password)
            try LoginSessions(home: home).endAll(user: account.name)
            print("Password of \(account.name) changed; its sign-ins ended.")
        } else {
            try accounts.create(name, role: .admin, password: password)
            print("Login mode is on: sign in as \(name). The token file is read-only now; scripts keep working with scoped tokens.")
        }
    }
}

/// Reads a new password: twice from a terminal (not echoed), or one line from stdin.
enum PasswordPrompt {
    static func read(minimum: Int) throws -> String {
        let interactive = isatty(STDIN_FILENO) == 1
        let first = try readSecret(prompt: "New password (at least \(minimum) characters): ", interactive: interactive)
        if interactive {
            let again = try readSecret(prompt: "Again: ", interactive: true)
            guard again == first else { throw ValidationError("The two entries differ; nothing changed.") }
        }
        return first
    }

    private static func readSecret(prompt: String, interactive: Bool) throws -> String {
        guard interactive else {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationError("No password on stdin.") }
            return line
        }
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationError("No password entered.") }
        return line
    }
}
