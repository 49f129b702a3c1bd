import ArgumentParser
import Foundation
import WorkspaceCore

/// `hermes-workspace token …`: the token file, and scoped tokens (created, listed, revoked; only hashes are kept).
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Print the token file's token, or create, list and revoke scoped API tokens.",
        subcommands: [Show.self, Create.self, List.self, Revoke.self], defaultSubcommand: Show.self)

    /// `token [show] [--rotate]`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the token in HERMES_HOME/workspace/token: admin without a password, read-only (viewer) once 'passwd' set one.")

        @OptionGroup var homeOption: HomeOption

        @Flag(help: "Replace the token with a new one; the old one stops working at once, also in a running server.")
        var rotate = false

        func run() throws {
            let home = try homeOption.existingHome()
            let store = TokenStore(home: home)
            print(rotate ? try store.rotate().value : try store.current().value)
            if Accounts(home: home).isSet {
                FileHandle.standardError.write(
                    Data(
                        "Login mode is on: this token is read-only. Use 'hermes-workspace token create NAME --role admin' for scripts that change things.\n"
                            .utf8))
            }
        }
    }

    /// `token create NAME --role R`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Make a scoped API token and print it (once; only its hash is kept).")

        @OptionGroup var homeOption: HomeOption

        @Argument(help: "A name for the token (letters, digits, - _ .).")
        var name: String

        @Option(
            help:
                "viewer (reads), operator (also approvals, cron pause/resume/trigger, skill toggles), admin (everything) or agent (submit approvals)."
        )
        var role: String = "viewer"

        @Flag(help: "Revoke an existing token of that name first.")
        var replace = false

        func validate() throws {
            guard Role(rawValue: role) != nil else { throw ValidationError("--role is viewer, operator, admin or agent.") }
        }

        func run() throws {
            let created = try CredentialStore(home: try homeOption.existingHome())
                .createToken(name: name, role: Role(rawValue: role) ?? .viewer, replacing: replace)
            print(created.secret)
        }
    }

    /// `token list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List scoped tokens (never their secrets).")

        @OptionGroup var homeOption: HomeOption

        func run() throws {
            let tokens = try CredentialStore(home: try homeOption.existingHome()).tokens()
            let formatter = ISO8601DateFormatter()
            print(["ID", "NAME", "ROLE", "CREATED", "LAST USED"].joined(separator: "\t"))
            for token in tokens {
                print(
                    [
                        token.id, token.name, token.role.rawValue, formatter.string(from: token.createdAt),
                        token.lastUsedAt.map(formatter.string(from:)) ?? "-",
                    ].joined(separator: "\t"))
            }
        }
    }

    /// `token revoke NAME|ID`.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a scoped token by name or id; it stops working at once.")

        @OptionGroup var homeOption: HomeOption

        @Argument(help: "The token's name or the id 'token list' shows.")
        var token: String

        func run() throws {
            guard try CredentialStore(home: try homeOption.existingHome()).revoke(token) else {
                throw ValidationError("No token called or with id \(token).")
            }
            print("Revoked \(token).")
        }
    }
}

/// `hermes-workspace signin-link`: a fresh one-time sign-in link for a browser (no password set).
struct SigninLinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signin-link", abstract: "Print a one-time link that signs a browser in (when no password is set).")

    @OptionGroup var homeOption: HomeOption

    @Option(help: "The workspace's URL as the browser reaches it.")
    var url = "http://127.0.0.1:9119/"

    @Option(help: "The page to open after signing in, e.g. /approvals.")
    var next: String?

    @Option(help: "Minutes the link stays valid.")
    var minutes = 60

    func run() throws {
        let home = try homeOption.existingHome()
        guard !Accounts(home: home).isSet else { throw ValidationError("A password is set: sign in with it.") }
        guard (1...(7 * 24 * 60)).contains(minutes) else { throw ValidationError("--minutes is 1 to 10080.") }
        let code = try CredentialStore(home: home).createSigninCode(lifetime: TimeInterval(minutes * 60))
        print(Self.link(base: url, code: code, next: next))
    }

    /// The link for `code` on the server whose page is at `base` (ending in `/`).
    static func link(base: String, code: String, next: String? = nil) -> String {
        let root = base.hasSuffix("/") ? base : base + "/"
        let encodedNext = next?.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_.~")))
        return root + "api/v1/auth/link?code=" + code + (encodedNext.map { "&next=" + $0 } ?? "")
    }
}
