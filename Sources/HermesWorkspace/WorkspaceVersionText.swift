import WorkspaceCore

/// The version string printed by `--version`.
enum WorkspaceVersionText {
    static let current = WorkspaceVersion.current
}
