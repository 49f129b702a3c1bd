/// The version of Hermes Workspace reported by the CLI, `/api/v1/health` and the status page.
public enum WorkspaceVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
