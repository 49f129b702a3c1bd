/// Failures of the workspace's services, described without any HTTP notion.
///
/// The server maps each case to a status code and an error code in exactly one place.
public enum WorkspaceError: Error, Sendable, Equatable {
    /// The Hermes home folder does not exist.
    case homeNotFound(path: String)
    /// A named thing does not exist.
    case notFound(what: String)
    /// The input was malformed; the message says what was wrong.
    case invalidInput(String)
    /// A file the workspace depends on could not be read or written.
    case storageFailure(path: String, reason: String)
    /// A dependency (database, lock, gateway) is temporarily unavailable.
    case unavailable(String)
    /// The thing changed since the caller read it (a stale `If-Match`).
    case conflict(String)
    /// A write came without the revision it must name (`If-Match`).
    case revisionRequired(String)
    /// The home is managed (`HERMES_MANAGED` or `.managed`) and refuses changes.
    case readOnly(String)
    /// Too many requests of this kind; try again after the given seconds.
    case rateLimited(retryAfterSeconds: Int)
    /// The caller may not do this (a credential deciding its own approval request).
    case forbidden(String)
    /// The value is well formed but over a limit the agent enforces (a memory file's characters).
    case limitExceeded(String)
}

extension WorkspaceError: CustomStringConvertible {
    /// A sentence for people; never contains secret values.
    public var description: String {
        switch self {
        case .homeNotFound(let path): "Hermes home \(path) does not exist."
        case .notFound(let what): "\(what) was not found."
        case .invalidInput(let message): message
        case .storageFailure(let path, let reason): "Could not access \(path): \(reason)"
        case .unavailable(let message): message
        case .conflict(let message): message
        case .revisionRequired(let message): message
        case .readOnly(let message): message
        case .rateLimited(let seconds): "Too many requests; try again in \(seconds) s."
        case .forbidden(let message): message
        case .limitExceeded(let message): message
        }
    }
}
