// The one typed client for /api/v1. The base path comes from index.html; the page never holds a credential: the
// browser signs in (password or one-time link) and the server keeps the session in an HttpOnly cookie.

import type {
  AnalyticsWindow, ApprovalRequest, AuditEvent, AuthState, ConfigChange, ConfigDocument, ConfigOperation as SpecConfigOperation, ConfigVersion,
  CostFigures, CronJob, CronJobDraft, CronPreview, CronPreviewParsed, ChannelList, MCPServerList, MCPTestResult, ModelOverview, ModelSlot, MemoryDocument, MemoryOverview, DeletionReport, GatewayAction, GatewayStatus, HostStats, Json, KeyEntry, LogPage, LogRecord, ModelReport,
  ModelUsageRow, Persona, PlatformReport, ProfileDeletionPlan, ProfileList, ProfileSummary, RestartNeeded, SearchResultGroup, SearchResults,
  SessionDetail, SessionPage, SessionRecord, SessionStats, SessionSummary, Skill, SkillDetail, TokenCounts, ToolCall, TopSessionsReport,
  TranscriptMessage, TranscriptPage, UsageFigures, UsageReport, WorkspaceStatus, TerminalSettings, ToolsetOverview, SessionImportReport, DeletionPreview, Account, MyAccount, SecondFactorEnrollment, SignInList, UserList, WebhookDraft, WebhookList, WebhookSubscription,
} from "./api.gen";
import { withProfile } from "./profile";

/// What an MCP server add or edit sends: env/headers values are `${VAR}` references (kept) or text (stored in .env).
export interface MCPDraft {
  command?: string | null; args?: string[] | null; url?: string | null; transport?: string | null; enabled?: boolean | null;
  timeout?: number | null; connectTimeout?: number | null; env?: { [name: string]: string } | null; headers?: { [name: string]: string } | null;
}

/// Which memory file: MEMORY.md (the agent's notes) or USER.md (the user profile).
export type MemoryTarget = "memory" | "user";

// Wire types come from openapi.yaml (api.gen.ts, generated); only shapes the spec leaves open are written here.
export type {
  AnalyticsWindow, ApprovalRequest, AuditEvent, AuthState, ConfigChange, ConfigDocument, ConfigVersion,
  CostFigures, CronJob, CronJobDraft, CronPreview, CronPreviewParsed, ChannelList, MCPServerList, MCPTestResult, ModelOverview, ModelSlot, MemoryDocument, MemoryOverview, DeletionReport, GatewayAction, GatewayStatus, HostStats, Json, KeyEntry, LogPage, LogRecord, ModelReport,
  ModelUsageRow, Persona, PlatformReport, ProfileDeletionPlan, ProfileList, ProfileSummary, RestartNeeded, SearchResultGroup, SearchResults,
  SessionDetail, SessionPage, SessionRecord, SessionStats, SessionSummary, Skill, SkillDetail, TokenCounts, ToolCall, TopSessionsReport,
  TranscriptMessage, TranscriptPage, UsageFigures, UsageReport, WorkspaceStatus, TerminalSettings, ToolsetOverview, SessionImportReport, DeletionPreview, Account, MyAccount, SecondFactorEnrollment, SignInList, UserList, WebhookDraft, WebhookList, WebhookSubscription,
};
export type GatewayVerb = "start" | "stop" | "restart";
export type Approval = ApprovalRequest;
export type SkillInfo = Skill;
export type CronDraft = CronJobDraft;
/// The edits this page sends: always a list of keys (the spec also takes a dotted string).
export type ConfigOperation = { path: string[]; value: Json } | { path: string[]; delete: true };
type Assignable<T extends U, U> = T;
/** Fails to compile if the page's edits ever stop being edits the spec accepts. */
export type ConfigOperationFitsTheSpec = Assignable<ConfigOperation, SpecConfigOperation>;

export interface ApiErrorBody { code: string; message: string; details?: Record<string, string> }

export class ApiError extends Error {
  constructor(public status: number, public body: ApiErrorBody) {
    super(body.message);
  }
}

export interface PlatformStatus {
  name: string; state: string; healthy: boolean;
  errorCode?: string; errorMessage?: string; updatedAt?: string;
}




function meta(name: string): string {
  const element = document.querySelector(`meta[name="${name}"]`);
  const value = element ? element.getAttribute("content") || "" : "";
  return value.startsWith("__HERMES_") ? "" : value;
}

export const basePath = meta("hermes-base-path");

const csrfKey = "hermes-workspace-csrf";

/// The CSRF token of a signed-in session (login mode); sent with every change.
export function rememberCSRF(token: string | null) {
  if (token) sessionStorage.setItem(csrfKey, token); else sessionStorage.removeItem(csrfKey);
}

/// Whether this tab is signed in with a login session.
export function hasSession(): boolean {
  return sessionStorage.getItem(csrfKey) !== null;
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json");
  const csrf = sessionStorage.getItem(csrfKey);
  if (csrf && init.method && init.method !== "GET") headers.set("X-CSRF-Token", csrf);
  const response = await fetch(`${basePath}/api/v1${withProfile(path)}`, { ...init, headers, credentials: "same-origin" });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, body && body.error ? body.error : { code: "http_" + response.status, message: response.statusText });
  }
  return body as T;
}


export type SessionKind = "root" | "continuation" | "branch" | "delegate" | "child" | "orphan";









export type SearchHit = SearchResultGroup["hits"][number];
export type SnippetPart = SearchHit["snippet"][number];



export interface AuxiliaryFigures { apiCalls: number; tokens: TokenCounts; cost: CostFigures }
export interface ModelEntry {
  model: string; provider: string; task?: string; isAuxiliary: boolean; sessions: number; apiCalls: number;
  tokens: TokenCounts; cost: CostFigures; includesSessionCounters: boolean;
}


export interface EffectiveConfig { etag: string; config: { [key: string]: Json }; items: { path: string; value: Json; source: "set" | "default" }[] }
export interface RawConfig { etag: string; text: string; readOnly: boolean }

/// The JSON Schema subset the server describes config.yaml with.
export interface JsonSchema {
  type?: string | string[]; description?: string; default?: Json; enum?: string[]; minimum?: number; maximum?: number;
  properties?: { [key: string]: JsonSchema }; additionalProperties?: boolean | JsonSchema; items?: JsonSchema;
  anyOf?: JsonSchema[]; "x-secret"?: boolean;
}



export interface LogFile { log: string; name: string; generation: number; size: number; modified: string; inode: number }

export type Query = Record<string, string | number | boolean | undefined | null>;

function queryString(query: Query): string {
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? "?" + parts.join("&") : "";
}

function json(body: unknown, method = "POST", headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) };
}

/// Downloads a route's body as a file with the page's session cookie (a fetch, so an error shows as an error
/// instead of a saved error page).
async function download(path: string, fallbackName: string) {
  const response = await fetch(`${basePath}/api/v1${withProfile(path)}`, { credentials: "same-origin" });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new ApiError(response.status, body && body.error ? body.error : { code: "http_" + response.status, message: response.statusText });
  }
  const disposition = response.headers.get("Content-Disposition") || "";
  const match = /filename="([^"]+)"/.exec(disposition);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = match ? match[1] : fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const id = (value: string) => encodeURIComponent(value);

export type CronStatus = "scheduled" | "running" | "paused" | "failed" | "completed";
export interface CronScheduler {
  state: { mode: "gateway" | "local"; active: boolean; standbyReason?: string; executor?: string; running: string[]; lastTickAt?: string; nextWakeAt?: string; lastError?: string };
  ticker: { heartbeatAt?: string; heartbeatAgeSeconds?: number; stale: boolean };
  overdueJobs: number; warnings: string[];
}
export interface CronRun { id: string; size: number }

export type ApprovalStatus = "pending" | "approved" | "denied" | "expired";
export interface ApprovalRule { id: number; tool: string; action: string; createdAt: string; createdBy: string; requestID?: string }
export interface StagedWriteItem { id: string; subsystem: "memory" | "skills"; action: string; summary: string; origin: string; createdAt: string; preview: string; target: string }
export interface PairingRequest { platform: string; entry: string; userID: string; userName: string; createdAt: string; expiresAt: string }
export interface PairedUser { platform: string; userID: string; userName: string; approvedAt?: string }
export interface AllowlistEntry { pattern: string; kind: "text" | "glob" | "plugin rule" }

export type Role = "viewer" | "operator" | "admin" | "agent";

export const api = {
  authState: () => request<AuthState>("/auth/me"),
  login: (user: string, password: string, code?: string) => request<AuthState>("/auth/login", json(code ? { user, password, code } : { user, password })),
  myAccount: () => request<MyAccount>("/auth/account"),
  changeMyPassword: (current: string, next: string) => request<void>("/auth/password", json({ current, new: next })),
  beginSecondFactor: () => request<SecondFactorEnrollment>("/auth/second-factor", { method: "POST" }),
  confirmSecondFactor: (code: string) => request<{ recoveryCodes: string[] }>("/auth/second-factor/confirm", json({ code })),
  renewRecoveryCodes: (password: string) => request<{ recoveryCodes: string[] }>("/auth/second-factor/recovery-codes", json({ password })),
  removeSecondFactor: (password: string) => request<void>("/auth/second-factor/remove", json({ password })),
  mySessions: () => request<SignInList>("/auth/sessions"),
  endMySession: (id: string) => request<void>(`/auth/sessions/${id}`, { method: "DELETE" }),
  users: () => request<UserList>("/users"),
  createUser: (name: string, role: string, password: string) => request<Account>("/users", json({ name, role, password })),
  updateUser: (name: string, change: { role?: string; disabled?: boolean; password?: string }) => request<Account>(`/users/${id(name)}`, json(change, "PATCH")),
  removeUser: (name: string) => request<void>(`/users/${id(name)}`, { method: "DELETE" }),
  resetSecondFactor: (name: string) => request<Account>(`/users/${id(name)}/second-factor/reset`, { method: "POST" }),
  setUserPolicy: (requireSecondFactor: string[]) => request<UserList>("/users/policy", json({ requireSecondFactor }, "PUT")),
  allSessions: () => request<SignInList>("/users/sessions"),
  endSession: (sessionID: string) => request<void>(`/users/sessions/${sessionID}`, { method: "DELETE" }),
  logout: () => request<null>("/auth/logout", { method: "POST" }),
  health: () => request<{ status: string; version: string }>("/health"),
  status: () => request<WorkspaceStatus>("/status"),
  profiles: () => request<ProfileList>("/profiles"),
  profile: (name: string) => request<ProfileSummary>(`/profiles/${id(name)}`),
  machineCronJobs: () => request<{ items: { profile: string; job: CronJob }[]; warnings: string[] }>("/machine/cron/jobs"),
  createProfile: (body: { name: string; cloneFrom?: string; cloneAll?: boolean; description?: string }) =>
    request<ProfileSummary>("/profiles", json(body)),
  renameProfile: (name: string, to: string) => request<ProfileSummary>(`/profiles/${id(name)}/rename`, json({ name: to })),
  deleteProfile: (name: string, confirm?: string) =>
    request<ProfileDeletionPlan>(`/profiles/${id(name)}/delete`, json(confirm ? { dryRun: false, confirm } : { dryRun: true })),
  describeProfile: (name: string, description: string) => request<ProfileSummary>(`/profiles/${id(name)}/description`, json({ description }, "PUT")),
  editSession: (sessionID: string, change: { title?: string; archived?: boolean }) => request<SessionDetail>(`/sessions/${id(sessionID)}`, json(change, "PATCH")),
  modelSettings: () => request<ModelOverview>("/models"),
  setMainModel: (model: string, provider: string | null, baseURL: string, etag: string) =>
    request<ModelOverview>("/models/main", json({ model, provider, baseURL }, "PUT", { "If-Match": etag })),
  setAuxiliaryModel: (slot: string, provider: string, model: string, baseURL: string, etag: string) =>
    request<ModelOverview>(`/models/auxiliary/${id(slot)}`, json({ provider, model, baseURL }, "PUT", { "If-Match": etag })),
  testModelEndpoint: (baseURL: string) =>
    request<{ url: string; ok: boolean; status?: number; models?: number; milliseconds: number; problem?: string }>("/models/test", json({ baseURL })),
  channels: () => request<ChannelList>("/channels"),
  setChannelEnabled: (platform: string, enabled: boolean) => request<ChannelList>(`/channels/${id(platform)}/enabled`, json({ enabled })),
  setChannelHome: (platform: string, chatID: string, name: string | null) => request<ChannelList>(`/channels/${id(platform)}/home`, json({ chatID, name }, "PUT")),
  mcpServers: () => request<MCPServerList>("/mcp/servers"),
  saveMCPServer: (name: string, draft: MCPDraft, etag: string) => request<MCPServerList>(`/mcp/servers/${id(name)}`, json(draft, "PUT", { "If-Match": etag })),
  setMCPServerEnabled: (name: string, enabled: boolean) => request<MCPServerList>(`/mcp/servers/${id(name)}/enabled`, json({ enabled })),
  removeMCPServer: (name: string, etag: string) => request<MCPServerList>(`/mcp/servers/${id(name)}`, { method: "DELETE", headers: { "If-Match": etag } }),
  testMCPServer: (name: string) => request<MCPTestResult>(`/mcp/servers/${id(name)}/test`, { method: "POST" }),
  toolsets: () => request<ToolsetOverview>("/tools/toolsets"),
  setToolset: (platform: string, toolset: string, enabled: boolean, etag: string) =>
    request<ToolsetOverview>(`/tools/toolsets/${id(platform)}/${id(toolset)}`, json({ enabled }, "PUT", { "If-Match": etag })),
  terminal: () => request<TerminalSettings>("/tools/terminal"),
  setTerminal: (change: { backend?: string; settings?: { [key: string]: Json } }, etag: string) =>
    request<TerminalSettings>("/tools/terminal", json(change, "PATCH", { "If-Match": etag })),
  webhooks: () => request<WebhookList>("/webhooks"),
  createWebhook: (name: string, draft: WebhookDraft, etag: string) =>
    request<{ subscription: WebhookSubscription; secret: string; etag: string }>(`/webhooks/${id(name)}`, json(draft, "POST", { "If-Match": etag })),
  setWebhookEnabled: (name: string, enabled: boolean) => request<WebhookList>(`/webhooks/${id(name)}/enabled`, json({ enabled })),
  removeWebhook: (name: string, etag: string) => request<WebhookList>(`/webhooks/${id(name)}`, { method: "DELETE", headers: { "If-Match": etag } }),
  memory: () => request<MemoryOverview>("/memory"),
  replaceMemory: (target: MemoryTarget, entries: string[], etag: string) =>
    request<MemoryDocument>(`/memory/${target}`, json({ entries }, "PUT", { "If-Match": etag })),
  addMemoryEntry: (target: MemoryTarget, entry: string) => request<MemoryDocument>(`/memory/${target}/entries`, json({ entry })),
  memoryHistory: (target: MemoryTarget) => request<{ items: ConfigVersion[] }>(`/memory/${target}/history`),
  persona: (name: string) => request<Persona>(`/profiles/${id(name)}/soul`),
  savePersona: (name: string, text: string, etag: string) => request<Persona>(`/profiles/${id(name)}/soul`, json({ text }, "PUT", { "If-Match": etag })),
  previewPersona: (name: string, text: string) => request<Persona>(`/profiles/${id(name)}/soul`, json({ text, dryRun: true }, "PUT")),
  personaHistory: (name: string) => request<{ items: ConfigVersion[] }>(`/profiles/${id(name)}/soul/history`),
  gateway: (verb: GatewayVerb) => request<{ action: GatewayAction; joined: boolean }>(`/gateway/${verb}`, { method: "POST" }),
  gatewayDrain: (cancel: boolean) => request<{ draining: boolean }>("/gateway/drain", json({ action: cancel ? "cancel" : "drain" })),
  gatewayActions: () => request<{ items: GatewayAction[] }>("/gateway/actions"),
  sessions: (query: Query) => request<SessionPage>("/sessions" + queryString(query)),
  sessionStats: () => request<SessionStats>("/sessions/stats"),
  session: (sessionID: string) => request<SessionDetail>(`/sessions/${id(sessionID)}`),
  messages: (sessionID: string, query: Query) => request<TranscriptPage>(`/sessions/${id(sessionID)}/messages` + queryString(query)),
  search: (query: Query) => request<SearchResults>("/sessions/search" + queryString(query)),
  deleteSession: (sessionID: string) => request<DeletionReport>(`/sessions/${id(sessionID)}`, { method: "DELETE" }),
  deleteSessions: (ids: string[]) => request<DeletionReport>("/sessions/delete", json({ ids })),
  previewSessionDelete: (filter: { empty?: boolean; olderThanDays?: number }) => request<DeletionPreview>("/sessions/delete", json({ filter, dryRun: true })),
  deleteSessionsMatching: (filter: { empty?: boolean; olderThanDays?: number }) => request<DeletionReport>("/sessions/delete", json({ filter, dryRun: false })),
  importSessions: (body: string, dryRun: boolean) =>
    request<SessionImportReport>(`/sessions/import?dryRun=${dryRun}`, { method: "POST", headers: { "Content-Type": "application/json" }, body }),
  exportSession: (sessionID: string, format: string) =>
    download(`/sessions/${id(sessionID)}/export?format=${format}`, `session-${sessionID}.${format === "markdown" ? "md" : format}`),
  usage: (query: Query) => request<UsageReport>("/analytics/usage" + queryString(query)),
  models: (query: Query) => request<ModelReport>("/analytics/models" + queryString(query)),
  platforms: (query: Query) => request<PlatformReport>("/analytics/platforms" + queryString(query)),
  topSessions: (query: Query) => request<TopSessionsReport>("/analytics/top-sessions" + queryString(query)),
  config: () => request<ConfigDocument>("/config"),
  effectiveConfig: () => request<EffectiveConfig>("/config/effective"),
  configSchema: () => request<JsonSchema>("/config/schema"),
  patchConfig: (operations: ConfigOperation[], etag: string, dryRun: boolean) =>
    request<ConfigChange>("/config", json({ operations, dryRun }, "PATCH", dryRun ? {} : { "If-Match": etag })),
  rawConfig: () => request<RawConfig>("/config/raw"),
  putRawConfig: (text: string, etag: string, dryRun: boolean) =>
    request<ConfigChange>("/config/raw", json({ text, dryRun }, "PUT", dryRun ? {} : { "If-Match": etag })),
  configHistory: () => request<{ items: ConfigVersion[] }>("/config/history"),
  restoreConfig: (versionID: string, etag: string) =>
    request<ConfigChange>(`/config/history/${id(versionID)}/restore`, { method: "POST", headers: { "If-Match": etag } }),
  keys: () => request<{ readOnly: boolean; items: KeyEntry[] }>("/keys"),
  setKey: (name: string, value: string) => request<{ created: boolean; item?: KeyEntry }>(`/keys/${id(name)}`, json({ value }, "PUT")),
  deleteKey: (name: string) => request<null>(`/keys/${id(name)}`, { method: "DELETE" }),
  revealKey: (name: string) => request<{ name: string; value: string }>(`/keys/${id(name)}/reveal`, { method: "POST" }),
  logFiles: () => request<{ items: LogFile[] }>("/logs/files"),
  logs: (query: Query) => request<LogPage>("/logs" + queryString(query)),
  logStreamURL: (query: Query, ticket: string) => `${basePath}/api/v1` + withProfile("/logs/stream" + queryString({ ...query, ticket })),
  eventTicket: () => request<{ ticket: string; expiresAt: string }>("/events/ticket", { method: "POST" }),
  cronJobs: () => request<{ items: CronJob[] }>("/cron/jobs"),
  cronScheduler: () => request<CronScheduler>("/cron/scheduler"),
  createCronJob: (draft: CronDraft) => request<CronJob>("/cron/jobs", json(draft)),
  updateCronJob: (jobID: string, draft: CronDraft, etag?: string) =>
    request<CronJob>(`/cron/jobs/${id(jobID)}`, json(draft, "PUT", etag ? { "If-Match": etag } : {})),
  cronAction: (jobID: string, action: "pause" | "resume" | "trigger", reason?: string) =>
    request<CronJob>(`/cron/jobs/${id(jobID)}/${action}`, action === "pause" && reason ? json({ reason }) : { method: "POST" }),
  deleteCronJob: (jobID: string) => request<null>(`/cron/jobs/${id(jobID)}`, { method: "DELETE" }),
  cronPreview: (schedule: string, count = 5) => request<CronPreview>("/cron/preview", json({ schedule, count, report: true })),
  cronRuns: (jobID: string, cursor?: string) => request<{ items: CronRun[]; nextCursor?: string }>(`/cron/jobs/${id(jobID)}/runs` + queryString({ limit: 20, cursor })),
  cronRun: (jobID: string, runID: string) => request<{ id: string; text: string; sizeBytes: number; truncated: boolean }>(`/cron/jobs/${id(jobID)}/runs/${id(runID)}`),
  cronRunDownloadURL: (jobID: string, runID: string) => `${basePath}/api/v1` + withProfile(`/cron/jobs/${id(jobID)}/runs/${id(runID)}?download=true`),
  skills: () => request<{ items: SkillInfo[]; categories: string[] }>("/skills"),
  skill: (name: string) => request<SkillDetail>(`/skills/${id(name)}`),
  skillFile: (name: string, path: string) => request<{ path: string; text: string }>(`/skills/${id(name)}/files/${path.split("/").map(id).join("/")}`),
  saveSkill: (name: string, text: string, etag: string) => request<SkillDetail>(`/skills/${id(name)}/content`, json({ text }, "PUT", { "If-Match": etag })),
  createSkill: (body: { name: string; category?: string; description: string; body: string }) => request<SkillDetail>("/skills", json(body)),
  setSkillEnabled: (name: string, enabled: boolean, platform?: string) =>
    request<{ skill: SkillInfo; configEtag: string }>(`/skills/${id(name)}/enabled`, json({ enabled, platform }, "PUT")),
  approvals: (status: ApprovalStatus | "all") => request<{ mode: string; timeout: number; pending: number; loginRequired: boolean; items: Approval[]; sessionTitles: { [profile: string]: { [session: string]: string } } }>("/approvals" + queryString({ status })),
  approve: (approvalID: string, scope: "once" | "session" | "always") => request<Approval>(`/approvals/${id(approvalID)}/approve`, json({ scope })),
  deny: (approvalID: string, reason: string) => request<Approval>(`/approvals/${id(approvalID)}/deny`, json({ reason })),
  approvalRules: () => request<{ items: ApprovalRule[]; allowlist: AllowlistEntry[] }>("/approvals/rules"),
  stagedWrites: () => request<{ items: StagedWriteItem[] }>("/approvals/staged"),
  decideStagedWrite: (item: StagedWriteItem, verb: "approve" | "reject") =>
    request<StagedWriteItem>(`/approvals/staged/${item.subsystem}/${id(item.id)}/${verb}`, { method: "POST" }),
  pairing: () => request<{ pending: PairingRequest[]; approved: PairedUser[] }>("/pairing"),
  approvePairing: (platform: string, code: string) => request<PairedUser>("/pairing/approve", json({ platform, code })),
  denyPairing: (platform: string, entry: string) => request<null>("/pairing/deny", json({ platform, entry })),
  revokePairing: (platform: string, userID: string) => request<null>("/pairing/revoke", json({ platform, userID })),
  removeAllowlistEntry: (pattern: string) => request<null>("/approvals/allowlist" + queryString({ pattern }), { method: "DELETE" }),
  deleteApprovalRule: (ruleID: number) => request<null>(`/approvals/rules/${ruleID}`, { method: "DELETE" }),
  audit: (query: Query) => request<{ items: AuditEvent[]; nextCursor?: string }>("/audit" + queryString(query)),
};
