import Foundation

/// One action waiting for (or having had) a human yes or no.
public struct ApprovalRequest: Sendable, Codable, Equatable {
    /// `pending`, `approved`, `denied` or `expired`.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending, approved, denied, expired
    }

    /// How far an approval reaches.
    public enum Scope: String, Sendable, Codable, CaseIterable {
        /// This request only.
        case once
        /// The same tool and action again in the same session.
        case session
        /// Always: stored as a rule that approves matching requests from now on.
        case always
    }

    /// Request id (32 hex characters).
    public var id: String
    /// When it was submitted.
    public var createdAt: Date
    /// When it is denied if nobody decides.
    public var expiresAt: Date
    /// The agent session asking.
    public var sessionID: String?
    /// The platform the session runs on.
    public var platform: String?
    /// The tool (`terminal`, `write_file`, `web_fetch`…).
    public var tool: String
    /// The command or action, as the agent will run it.
    public var action: String
    /// The working directory.
    public var workdir: String?
    /// Why the agent wants to do it.
    public var reason: String?
    /// What looked risky (the agent's pattern descriptions).
    public var risks: [String]
    /// Where it stands.
    public var status: Status
    /// The scope of an approval.
    public var scope: Scope?
    /// Who decided (`operator`, `rule:<id>`, `session`, `timeout`).
    public var decidedBy: String?
    /// When.
    public var decidedAt: Date?
    /// The reason given with a denial.
    public var denyReason: String?
}

/// A stored "always" approval: requests for `tool` whose action is exactly `action` are approved at once.
public struct ApprovalRule: Sendable, Codable, Equatable {
    /// Rule id.
    public var id: Int64
    /// The tool.
    public var tool: String
    /// The exact action text.
    public var action: String
    /// When it was made.
    public var createdAt: Date
    /// Who made it.
    public var createdBy: String
    /// The request it came from.
    public var requestID: String?
}

/// What the agent side submits.
public struct ApprovalSubmission: Sendable, Decodable {
    /// The agent session asking (`sessionID` on the wire; `sessionId`, the old spelling, is read too until 0.3).
    public var sessionId: String?
    /// Its platform.
    public var platform: String?
    /// The tool.
    public var tool: String
    /// The command or action.
    public var action: String
    /// The working directory.
    public var workdir: String?
    /// Why.
    public var reason: String?
    /// What looked risky.
    public var risks: [String]?

    /// A submission.
    public init(
        sessionId: String? = nil, platform: String? = nil, tool: String, action: String, workdir: String? = nil, reason: String? = nil,
        risks: [String]? = nil
    ) {
        self.sessionId = sessionId
        self.platform = platform
        self.tool = tool
        self.action = action
        self.workdir = workdir
        self.reason = reason
        self.risks = risks
    }

    private enum CodingKeys: String, CodingKey {
        case sessionID, sessionId, platform, tool, action, workdir, reason, risks
    }

    /// Reads a submission; `sessionID` wins over the deprecated `sessionId`.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        let current = try values.decodeIfPresent(String.self, forKey: .sessionID)
        let old = try values.decodeIfPresent(String.self, forKey: .sessionId)
        // The old spelling is checked like the new one even when both are sent and only the new one is kept.
        if let old, old.count > 4_000 { throw WorkspaceError.invalidInput("A field is longer than 4,000 characters.") }
        sessionId = current ?? old
        platform = try values.decodeIfPresent(String.self, forKey: .platform)
        tool = try values.decode(String.self, forKey: .tool)
        action = try values.decode(String.self, forKey: .action)
        workdir = try values.decodeIfPresent(String.self, forKey: .workdir)
        reason = try values.decodeIfPresent(String.self, forKey: .reason)
        risks = try values.decodeIfPresent([String].self, forKey: .risks)
    }
}
