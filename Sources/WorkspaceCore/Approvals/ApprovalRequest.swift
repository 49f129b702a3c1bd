import Foundation

/// One action waiting for (or having had) a human yes or no.
public struct ApprovalRequest: Sendable, Encodable, Equatable {
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
    /// The agent's own description of what it found (its pattern descriptions, joined), when its gate asked.
    public var description: String?
    /// The agent's pattern keys: what an `always` adds to `command_allowlist`, what a `session` approval covers.
    public var patternKeys: [String] = []
    /// Whether the agent offers `always` (it withholds it for security-scan findings and smart-deny overrides).
    public var allowPermanent: Bool = true { didSet { choices = Self.choices(allowPermanent: allowPermanent, smartDenied: smartDenied) } }
    /// Whether the agent's smart triage said DENY and only an owner's one-time override is offered.
    public var smartDenied: Bool = false { didSet { choices = Self.choices(allowPermanent: allowPermanent, smartDenied: smartDenied) } }
    /// Where the agent's prompt lives: `cli`, `gateway` (chat or API server), `headless` (cron, scripts), or
    /// none for requests of the first bridge.
    public var surface: String?
    /// Where the answer came from: `workspace`, `chat`, `terminal`, `rule`, `session` or `timeout`.
    public var decidedVia: String?
    /// The profile whose agent asked (absent: the default profile).
    public var profile: String?
    /// The answers the agent accepts for this request, in its order (`once`, `session`, `always`, `deny`).
    public private(set) var choices: [String] = ["once", "session", "always", "deny"]

    static func choices(allowPermanent: Bool, smartDenied: Bool) -> [String] {
        if smartDenied { return ["once", "deny"] }
        return allowPermanent ? ["once", "session", "always", "deny"] : ["once", "session", "deny"]
    }

    /// A request.
    public init(
        id: String, createdAt: Date, expiresAt: Date, sessionID: String?, platform: String?, tool: String, action: String, workdir: String?,
        reason: String?, risks: [String], status: Status, scope: Scope? = nil, decidedBy: String? = nil, decidedAt: Date? = nil,
        denyReason: String? = nil, description: String? = nil, patternKeys: [String] = [], allowPermanent: Bool = true,
        smartDenied: Bool = false, surface: String? = nil, decidedVia: String? = nil, profile: String? = nil
    ) {
        self.id = id
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.sessionID = sessionID
        self.platform = platform
        self.tool = tool
        self.action = action
        self.workdir = workdir
        self.reason = reason
        self.risks = risks
        self.status = status
        self.scope = scope
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.denyReason = denyReason
        self.description = description
        self.patternKeys = patternKeys
        self.allowPermanent = allowPermanent
        self.smartDenied = smartDenied
        self.surface = surface
        self.decidedVia = decidedVia
        self.profile = profile == "default" ? nil : profile
        choices = Self.choices(allowPermanent: allowPermanent, smartDenied: smartDenied)
    }
}

/// How the agent's own prompt settled a request the workspace was also showing, as the bridge reports it.
public struct ApprovalOutcome: Sendable, Decodable {
    /// `once`, `session`, `always`, `deny` or `timeout`.
    public var choice: String
    /// Where it was answered: `chat` (a chat platform or the API server), `terminal`, `headless`.
    public var surface: String

    /// An outcome.
    public init(choice: String, surface: String) {
        self.choice = choice
        self.surface = surface
    }
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
    /// The agent's description of what it found.
    public var description: String?
    /// The agent's pattern keys.
    public var patternKeys: [String]?
    /// Whether the agent offers `always` (default yes).
    public var allowPermanent: Bool?
    /// Whether this is an owner override of a smart-triage DENY.
    public var smartDenied: Bool?
    /// `cli`, `gateway` or `headless`.
    public var surface: String?
    /// The profile whose agent asks (from its `HERMES_HOME`; absent: the default profile).
    public var profile: String?

    /// A submission.
    public init(
        sessionId: String? = nil, platform: String? = nil, tool: String, action: String, workdir: String? = nil, reason: String? = nil,
        risks: [String]? = nil, description: String? = nil, patternKeys: [String]? = nil, allowPermanent: Bool? = nil, smartDenied: Bool? = nil,
        surface: String? = nil
    ) {
        self.description = description
        self.patternKeys = patternKeys
        self.allowPermanent = allowPermanent
        self.smartDenied = smartDenied
        self.surface = surface
        self.sessionId = sessionId
        self.platform = platform
        self.tool = tool
        self.action = action
        self.workdir = workdir
        self.reason = reason
        self.risks = risks
    }

    private enum CodingKeys: String, CodingKey {
        case sessionID, sessionId, platform, tool, action, workdir, reason, risks, description, patternKeys, allowPermanent, smartDenied, surface,
            profile
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
        description = try values.decodeIfPresent(String.self, forKey: .description)
        patternKeys = try values.decodeIfPresent([String].self, forKey: .patternKeys)
        allowPermanent = try values.decodeIfPresent(Bool.self, forKey: .allowPermanent)
        smartDenied = try values.decodeIfPresent(Bool.self, forKey: .smartDenied)
        surface = try values.decodeIfPresent(String.self, forKey: .surface)
        profile = try values.decodeIfPresent(String.self, forKey: .profile)
    }
}
