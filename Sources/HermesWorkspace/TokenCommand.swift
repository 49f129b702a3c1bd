import ArgumentParser
import WorkspaceCore

/// `hermes-workspace token [--home PATH] [--rotate]`: prints (or replaces) the API token.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Print the API token, or rotate it.")

    @OptionGroup var homeOption: HomeOption

    @Flag(help: "Replace the token with a new one; the old one stops working at once, also in a running server.")
    var rotate = false

    func run() throws {
        let store = TokenStore(home: try homeOption.existingHome())
        print(rotate ? try store.rotate().value : try store.current().value)
    }
}
