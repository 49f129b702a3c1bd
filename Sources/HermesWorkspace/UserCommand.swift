import ArgumentParser
import Foundation
import WorkspaceCore

/// `hermes-workspace user …`: the people who sign in, each with a role (viewer, operator, admin).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage the accounts people sign in with.",
        subcommands: [Add.self, Passwd.self, Disable.self, Enable.self, Role_.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account (reads its password from the terminal or stdin).")
        @OptionGroup var homeOption: HomeOption
        @Argument(help: "The account name.") var name: String
        @Option(help: "viewer, operator or admin.") var role: String

        func run() throws {
            let home = try homeOption.existingHome()
            guard let role = Role(rawValue: role), Role.staff.contains(role) else { throw ValidationError("--role is viewer, operator or admin.") }
            let accounts = Accounts(home: home)
            let first = !accounts.isSet
            let account = try accounts.create(name, role: role, password: try PasswordPrompt.read(minimum: Accounts.minimumLength))
            print("Added \(account.name) (\(account.role.rawValue))\(first ? "; login mode is on, sign-in links stop working" : "").")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password; its sign-ins end.")
        @OptionGroup var homeOption: HomeOption
        @Argument(help: "The account name.") var name: String

        func run() throws {
            let home = try homeOption.existingHome()
            let accounts = Accounts(home: home)
            guard let account = try accounts.account(named: name) else { throw ValidationError("No account named \(name).") }
            try accounts.setPassword(account.name, to: try PasswordPrompt.read(minimum: Accounts.minimumLength))
            try LoginSessions(home: home).endAll(user: account.name)
            print("Password of \(account.name) changed; its sign-ins ended.")
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account; its sign-ins end at once.")
        @OptionGroup var homeOption: HomeOption
        @Argument(help: "The account name.") var name: String

        func run() throws {
            let home = try homeOption.existingHome()
            try Accounts(home: home).setDisabled(name, true)
            let ended = try LoginSessions(home: home).endAll(user: name)
            print("Disabled \(name); \(ended) sign-in\(ended == 1 ? "" : "s") ended.")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account.")
        @OptionGroup var homeOption: HomeOption
        @Argument(help: "The account name.") var name: String

        func run() throws {
            try Accounts(home: try homeOption.existingHome()).setDisabled(name, false)
            print("Enabled \(name).")
        }
    }

    // `Role_`: `role` is the subcommand's name; `Role` is the type.
    struct Role_: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Change an account's role.")
        @OptionGroup var homeOption: HomeOption
        @Argument(help: "The account name.") var name: String
        @Argument(help: "viewer, operator or admin.") var role: String

        func run() throws {
            let home = try homeOption.existingHome()
            guard let role = Role(rawValue: role), Role.staff.contains(role) else { throw ValidationError("The role is viewer, operator or admin.") }
            try Accounts(home: home).setRole(name, role)
            print("\(name) is \(role.rawValue) now.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var homeOption: HomeOption

        func run() throws {
            let accounts = try Accounts(home: try homeOption.existingHome()).list()
            if accounts.isEmpty { print("No accounts: sign in with the one-time link 'serve' prints, or add one with 'user add'.") }
            let formatter = ISO8601DateFormatter()
            for account in accounts {
                let facts = [
                    account.role.rawValue, account.disabled ? "disabled" : nil, account.secondFactor ? "2FA" : nil,
                    "last sign-in " + (account.lastSignInAt.map(formatter.string(from:)) ?? "never"),
                ].compactMap { $0 }
                print("\(account.name)\t\(facts.joined(separator: ", "))")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account; its sign-ins end.")
        @OptionGroup var homeOption: HomeOption
        @Argument(help: "The account name.") var name: String

        func run() throws {
            let home = try homeOption.existingHome()
            try Accounts(home: home).remove(name)
            try LoginSessions(home: home).endAll(user: name)
            print("Removed \(name).")
        }
    }
}
