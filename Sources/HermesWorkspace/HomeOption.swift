import ArgumentParser
import WorkspaceCore

/// `--home PATH`, resolved like the agent does: the flag, then `HERMES_HOME`, then `~/.hermes`.
struct HomeOption: ParsableArguments {
    @Option(name: .long, help: "The Hermes home folder (default: $HERMES_HOME, else ~/.hermes).")
    var home: String?

    /// The resolved home, which must exist.
    func existingHome() throws -> HermesHome {
        let resolved = HermesHome.resolve(explicit: home)
        guard resolved.exists else {
            throw ValidationError(
                "Hermes home \(resolved.path) does not exist. Point --home or HERMES_HOME at the agent's home, or create a demo with 'hermes-workspace demo PATH'."
            )
        }
        return resolved
    }
}
