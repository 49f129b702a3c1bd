/// Every action the audit trail records, dotted by tab. `openapi.yaml` lists the same set (`AuditEvent.action`);
/// `ContractEnumTests` fails when the two differ.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    /// A password sign-in (ok, refused or throttled).
    case authLogin = "auth.login"
    /// A one-time sign-in link was used (or refused).
    case authLink = "auth.link"
    /// Someone signed out.
    case authLogout = "auth.logout"
    /// `config.yaml` edited by path.
    case configPatch = "config.patch"
    /// `config.yaml` replaced as text.
    case configReplace = "config.replace"
    /// `config.yaml` restored from a backup.
    case configRestore = "config.restore"
    /// A `.env` key set.
    case keysSet = "keys.set"
    /// A `.env` key removed.
    case keysDelete = "keys.delete"
    /// A `.env` value shown.
    case keysReveal = "keys.reveal"
    /// Sessions deleted from `state.db`.
    case sessionsDelete = "sessions.delete"
    /// A skill created.
    case skillsCreate = "skills.create"
    /// A skill's SKILL.md edited.
    case skillsEdit = "skills.edit"
    /// A cron job created.
    case cronCreate = "cron.create"
    /// A cron job edited.
    case cronUpdate = "cron.update"
    /// A cron job paused.
    case cronPause = "cron.pause"
    /// A cron job resumed.
    case cronResume = "cron.resume"
    /// A cron job run now.
    case cronTrigger = "cron.trigger"
    /// A cron job deleted.
    case cronDelete = "cron.delete"
    /// The agent asked for an approval (pending or auto-approved by a rule).
    case approvalsSubmit = "approvals.submit"
    /// A person approved a request.
    case approvalsApprove = "approvals.approve"
    /// A person denied a request.
    case approvalsDeny = "approvals.deny"
    /// A standing approval rule removed.
    case approvalsRuleDelete = "approvals.rule.delete"
    /// The agent's own prompt settled a request (in the chat, on the API server, at the terminal, or by timeout).
    case approvalsOutcome = "approvals.outcome"
    /// A staged memory or skill write applied (by the agent's own code).
    case approvalsStagedApprove = "approvals.staged.approve"
    /// A staged memory or skill write rejected (its file removed).
    case approvalsStagedReject = "approvals.staged.reject"
    /// A stranger paired with the bot (their code accepted by the agent).
    case pairingApprove = "pairing.approve"
    /// A waiting pairing request dropped.
    case pairingDeny = "pairing.deny"
    /// A paired user's access ended.
    case pairingRevoke = "pairing.revoke"
    /// A gateway started (by the agent's service command or detached).
    case gatewayStart = "gateway.start"
    /// A gateway stopped.
    case gatewayStop = "gateway.stop"
    /// A gateway restarted.
    case gatewayRestart = "gateway.restart"
    /// A drain requested or cancelled (`.drain_request.json`).
    case gatewayDrain = "gateway.drain"
    /// A profile created (by the agent's `hermes profile create`).
    case profilesCreate = "profiles.create"
    /// A profile renamed.
    case profilesRename = "profiles.rename"
    /// A profile deleted.
    case profilesDelete = "profiles.delete"
    /// A profile's description set (`profile.yaml`).
    case profilesDescribe = "profiles.describe"
    /// A profile's persona (`SOUL.md`) saved.
    case profilesSoul = "profiles.soul"
    /// An entry appended to MEMORY.md or USER.md.
    case memoryAdd = "memory.add"
    /// MEMORY.md or USER.md rewritten (an edit, a deletion, a new order).
    case memoryReplace = "memory.replace"
    /// A model endpoint called to test it (only a base URL config.yaml names).
    case modelsTest = "models.test"
    /// A session renamed (its title in state.db).
    case sessionsRename = "sessions.rename"
    /// A session (and its compression chain) archived.
    case sessionsArchive = "sessions.archive"
    /// A session (and its compression chain) unarchived.
    case sessionsUnarchive = "sessions.unarchive"
    /// A webhook subscription created (its secret shown once to the creator).
    case webhooksCreate = "webhooks.create"
    /// A webhook subscription's settings changed.
    case webhooksUpdate = "webhooks.update"
    /// A webhook subscription switched on.
    case webhooksEnable = "webhooks.enable"
    /// A webhook subscription switched off.
    case webhooksDisable = "webhooks.disable"
    /// A webhook subscription removed.
    case webhooksDelete = "webhooks.delete"
    /// Sessions pruned by age or emptiness (the summary says which and how many).
    case sessionsPrune = "sessions.prune"
    /// Sessions imported from a JSON export.
    case sessionsImport = "sessions.import"
    /// An MCP server started or called to list its tools.
    case mcpTest = "mcp.test"
    /// An account added (Users page or `user add`).
    case usersCreate = "users.create"
    /// An account's role, password or disabled flag changed by an admin.
    case usersUpdate = "users.update"
    /// An account removed.
    case usersDelete = "users.delete"
    /// Which roles must use a second factor.
    case usersPolicy = "users.policy"
    /// Someone changed their own password.
    case accountPassword = "account.password"
    /// A second factor enrolled, removed or its recovery codes renewed.
    case accountSecondFactor = "account.second_factor"
    /// A sign-in session ended from the sessions list (one's own or, by an admin, anyone's).
    case accountSessionEnd = "account.session_end"
}
