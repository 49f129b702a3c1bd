import ArgumentParser
import WorkspaceCore

/// `hermes-workspace`: a secure, self-hosted browser workspace for a Hermes Agent home.
@main
struct HermesWorkspaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hermes-workspace",
        abstract: "A fast, secure, self-hosted workspace for a running Hermes Agent.",
        version: WorkspaceVersion.current,
        subcommands: [
            ServeCommand.self, DemoCommand.self, TokenCommand.self, SigninLinkCommand.self, InstallPluginCommand.self, PasswdCommand.self,
            UserCommand.self,
        ],
        defaultSubcommand: ServeCommand.self)
}
