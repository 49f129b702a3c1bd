import Foundation

/// How the workspace calls the agent's own CLI (`--hermes-command`): a program and fixed leading arguments, split
/// on spaces and never given to a shell. The program is looked up in `PATH` when it has no slash.
public struct HermesCommand: Sendable, Equatable {
    /// The program and its leading arguments (`["hermes"]`, `["/opt/hermes/bin/python", "-m", "hermes_cli.main"]`).
    public let words: [String]
    /// Variables set for its runs on top of this process's environment (tests give it a `HOME` of its own).
    public let extraEnvironment: [String: String]

    /// The command spelled `text` (words split on whitespace).
    public init(_ text: String = "hermes", extraEnvironment: [String: String] = [:]) {
        words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        self.extraEnvironment = extraEnvironment
    }

    /// The program's path now, or a 503 saying what to install.
    public func program(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard let name = words.first else { throw WorkspaceError.unavailable("No Hermes command is configured (--hermes-command is empty).") }
        if name.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: name) else {
                throw WorkspaceError.unavailable(
                    "\(name) (--hermes-command) is not an executable file: install hermes-agent (pip install hermes-agent) or point --hermes-command at its hermes."
                )
            }
            return name
        }
        guard let found = ChildProcess.resolve(name, in: environment["PATH"]) else {
            throw WorkspaceError.unavailable(
                "\(name) was not found in PATH: install hermes-agent (pip install hermes-agent) or start the workspace with --hermes-command /path/to/hermes."
            )
        }
        return found
    }

    /// `argv` for `hermes ARGUMENTS…` (commands about profiles themselves, such as `profile create`).
    public func arguments(_ rest: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String] {
        [try program(environment: environment)] + words.dropFirst() + rest
    }

    /// `argv` for `hermes -p PROFILE ARGUMENTS…` (the profile always named, so the sticky `active_profile` never
    /// redirects it).
    public func arguments(
        profile: ProfileName, _ rest: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> [String] {
        try arguments(["-p", profile.rawValue] + rest, environment: environment)
    }

    /// The environment the agent's commands run in: this process's, without other `HERMES_*` settings and without the
    /// gateway's own marker, `HERMES_HOME` the root home (profiles are chosen with `-p`), never interactive.
    public func environment(root: HermesHome, base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var environment = base.filter { !$0.key.hasPrefix("HERMES_") && $0.key != "_HERMES_GATEWAY" }.merging(extraEnvironment) { $1 }
        environment["HERMES_HOME"] = root.path
        environment["HERMES_NONINTERACTIVE"] = "1"
        return environment
    }
}
