import ArgumentParser
import Foundation
import WorkspaceCore

#if canImport(Glibc)
import Glibc
#endif

/// `hermes-workspace passwd`: sets the operator password, which turns on login mode (the browser signs in; the token
/// is no longer put into the page). Every existing sign-in ends.
struct PasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Set the operator password (turns on login mode). Reads it from the terminal, or one line from stdin.")

    @OptionGroup var homeOption: HomeOption

    @Option(help: "The account name to sign in with.")
    var user = "admin"

    func run() throws {
        let home = try homeOption.existingHome()
        let interactive = isatty(STDIN_FILENO) == 1
        let first = try Self.readSecret(prompt: "New password (at least \(OperatorPassword.minimumLength) characters): ", interactive: interactive)
        if interactive {
            let again = try Self.readSecret(prompt: "Again: ", interactive: true)
            guard again == first else { throw ValidationError("The two entries differ; nothing changed.") }
        }
        try OperatorPassword(home: home).set(first, user: user)
        try LoginSessions(home: home).endAll()
        print("Login mode is on for \(user). Existing sign-ins ended; the API token keeps working for scripts.")
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
