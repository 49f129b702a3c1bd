// The one typed client for /api/v1. The base path comes from index.html; the page never holds a credential: the
// browser signs in (password or one-time link) and the server keeps the session in an HttpOnly cookie.

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

export interface GatewayStatus {
  liveness: "running" | "stopped" | "stale-pid";
  state: string; lastReportedState?: string; pid?: number;
  startedAt?: string; uptimeSeconds?: number; activeAgents: number;
  exitReason?: string; updatedAt?: string; platforms: PlatformStatus[];
  apiServer: { enabled: boolean; host: string; port: number; reachable?: boolean; latencyMilliseconds?: number; version?: string; error?: string };
  cronTicker: { heartbeatAt?: string; heartbeatAgeSeconds?: number; stale: boolean };
  warnings: string[];
}

export interface HostStats {
  hostname: string; operatingSystem: string; architecture: string; cpuCount: number;
  loadAverage: number[]; uptimeSeconds?: number;
  memory?: { totalBytes: number; availableBytes: number; usedBytes: number; usedPercent: number };
  disk?: { path: string; totalBytes: number; availableBytes: number; usedPercent: number };
  process: { pid: number; residentBytes: number; threads: number };
}

export interface WorkspaceStatus {
  gateway: GatewayStatus;
  workspace: { version: string; home: string; startedAt: string; uptimeSeconds: number };
  host: HostStats;
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
  const response = await fetch(`${basePath}/api/v1${path}`, { ...init, headers, credentials: "same-origin" });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, body && body.error ? body.error : { code: "http_" + response.status, message: response.statusText });
  }
  return body as T;
}

export interface TokenCounts { input: number; output: number; cacheRead: number; cacheWrite: number; reasoning: number; total: number }
export interface CostFigures { estimatedUSD: number; actualUSD?: number; status?: string }

export type SessionKind = "root" | "continuation" | "branch" | "delegate" | "child" | "orphan";

export interface SessionSummary {
  id: string; kind: SessionKind; segmentIDs: string[]; title?: string; preview?: string; platform: string;
  model?: string; provider?: string; startedAt: string; endedAt?: string; lastActiveAt: string; endReason?: string;
  isOpen: boolean; isActive: boolean; messageCount: number; toolCallCount: number; apiCallCount: number;
  tokens: TokenCounts; cost: CostFigures; parentID?: string; childCount: number; profile?: string; archived: boolean;
}

export interface SessionPage { items: SessionSummary[]; nextCursor?: string; total?: number; notice?: string }

export interface SessionRecord {
  id: string; platform: string; title?: string; model?: string; startedAt: string; endedAt?: string; endReason?: string;
  messageCount: number; toolCallCount: number; apiCallCount: number; tokens: TokenCounts; cost: CostFigures;
  provider?: string; parentID?: string; cwd?: string; displayName?: string; chatType?: string;
}

export interface ModelUsageRow {
  model: string; provider: string; task?: string; isAuxiliary: boolean; source: string; apiCallCount: number;
  tokens: TokenCounts; cost: CostFigures;
}

export interface SessionDetail {
  requestedID: string; conversation: SessionSummary; segments: SessionRecord[]; parent?: SessionSummary;
  branches: SessionSummary[]; delegates: SessionSummary[]; otherChildren: SessionSummary[]; usage: ModelUsageRow[];
}

export interface ToolCall { id?: string; name: string; arguments: unknown; resultMessageID?: number }

export interface TranscriptMessage {
  id: number; sessionID: string; role: string; content?: string; contentBytes?: number; contentParts?: unknown; reasoning?: string;
  toolCalls: ToolCall[]; toolCallID?: string; toolName?: string; callMessageID?: number; finishReason?: string;
  timestamp: string; active: boolean; compacted: boolean; observed: boolean;
}

export interface TranscriptPage { conversationID: string; segmentIDs: string[]; items: TranscriptMessage[]; nextCursor?: string; total: number }

export interface SnippetPart { text: string; match: boolean }
export interface SearchHit { messageID: number; sessionID: string; role: string; timestamp: string; snippet: SnippetPart[] }
export interface SearchResults { mode: string; expression: string; groups: { conversation: SessionSummary; hits: SearchHit[] }[]; nextCursor?: string }

export interface SessionStats {
  available: boolean; notice?: string; conversations: number; archived: number; open: number; sessions: number; messages: number;
  schemaVersion?: number; platforms: { platform: string; conversations: number; sessions: number; messages: number }[];
}

export interface DeletionReport {
  deleted: string[]; removedSessions: number; removedMessages: number; detachedChildren: string[];
  refused: { id: string; reason: string }[];
}

export interface AnalyticsWindow { from: string; to: string; timeZone: string; bucket: "day" | "week" | "month" }
export interface AuxiliaryFigures { apiCalls: number; tokens: TokenCounts; cost: CostFigures }
export interface UsageFigures {
  sessions: number; conversations: number; messages: number; apiCalls: number; toolCalls: number; tokens: TokenCounts;
  cost: CostFigures; sessionsWithActualCost: number; auxiliary: AuxiliaryFigures;
}
export interface UsageReport {
  window: AnalyticsWindow; totals: UsageFigures; notice?: string;
  buckets: { start: string; end: string; label: string; usage: UsageFigures }[];
}
export interface ModelEntry {
  model: string; provider: string; task?: string; isAuxiliary: boolean; sessions: number; apiCalls: number;
  tokens: TokenCounts; cost: CostFigures; includesSessionCounters: boolean;
}
export interface ModelReport { window: AnalyticsWindow; models: ModelEntry[]; source: string; notice?: string }
export interface PlatformReport { window: AnalyticsWindow; platforms: { platform: string; usage: UsageFigures }[]; notice?: string }
export interface TopSessionsReport { window: AnalyticsWindow; by: "cost" | "tokens"; sessions: SessionSummary[]; notice?: string }

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ConfigDocument {
  path: string; exists: boolean; etag: string; modified?: string; readOnly: boolean;
  config: { [key: string]: Json }; maskedPaths: string[];
}
export interface EffectiveConfig { etag: string; config: { [key: string]: Json }; items: { path: string; value: Json; source: "set" | "default" }[] }
export interface ConfigChange { written: boolean; etag: string; changedPaths: string[]; diff: string; backupId?: string; config: { [key: string]: Json } }
export interface ConfigVersion { id: string; savedAt: string; size: number; etag: string; diff: string }
export interface RawConfig { etag: string; text: string; readOnly: boolean }
export type ConfigOperation = { path: string[]; value: Json } | { path: string[]; delete: true };

/// The JSON Schema subset the server describes config.yaml with.
export interface JsonSchema {
  type?: string | string[]; description?: string; default?: Json; enum?: string[]; minimum?: number; maximum?: number;
  properties?: { [key: string]: JsonSchema }; additionalProperties?: boolean | JsonSchema; items?: JsonSchema;
  anyOf?: JsonSchema[]; "x-secret"?: boolean;
}

export interface KeyEntry {
  name: string; isSet: boolean; masked?: string; value?: string; isSecret: boolean; known: boolean; category: string;
  description: string; url?: string; advanced: boolean; tools: string[]; neededBy: string[]; exported: boolean;
}

export interface AuditEvent {
  id: number; at: string; actor: string; clientAddress?: string; action: string; target: string; outcome: string; summary: string; requestId?: string;
}

export interface LogRecord {
  id: string; file: string; localTime?: string; time?: string; level?: string; session?: string; logger?: string;
  message: string; continuation: string[]; raw: boolean;
}
export interface LogPage { items: LogRecord[]; nextCursor?: string; partial: boolean; bytesScanned: number }
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

/// Downloads a route's body as a file, keeping the token in a header rather than in a link.
async function download(path: string, fallbackName: string) {
  const headers = new Headers();
  const token = currentToken();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  const response = await fetch(`${basePath}/api/v1${path}`, { headers });
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
export interface CronJob {
  id: string; name: string; status: CronStatus; schedule: string; nextRunAt?: string; lastRunAt?: string;
  lastStatus?: string; lastError?: string; etag: string; job: { [key: string]: Json };
}
export interface CronDraft {
  name?: string | null; prompt?: string; schedule?: string; skills?: string[]; model?: string | null; deliver?: string | null;
  repeat?: number | null;
}
export interface CronPreview { kind: string; display: string; timezone: string; next: string[] }
export interface CronScheduler {
  state: { mode: "gateway" | "local"; active: boolean; standbyReason?: string; executor?: string; running: string[]; lastTickAt?: string; nextWakeAt?: string; lastError?: string };
  ticker: { heartbeatAt?: string; heartbeatAgeSeconds?: number; stale: boolean };
  overdueJobs: number; warnings: string[];
}
export interface CronRun { id: string; size: number }

export type ApprovalStatus = "pending" | "approved" | "denied" | "expired";
export interface Approval {
  id: string; createdAt: string; expiresAt: string; sessionID?: string; platform?: string; tool: string; action: string;
  workdir?: string; reason?: string; risks: string[]; status: ApprovalStatus; scope?: "once" | "session" | "always";
  decidedBy?: string; decidedAt?: string; denyReason?: string;
}
export interface ApprovalRule { id: number; tool: string; action: string; createdAt: string; createdBy: string; requestID?: string }
export interface SkillInfo {
  name: string; category?: string; description: string; version?: string; license?: string; platforms: string[]; tags: string[];
  relatedSkills: string[]; requiredVariables: string[]; provenance: string; path: string; root: string; enabled: boolean;
  disabledOn: string[]; warnings: string[];
}
export interface SkillDetail {
  skill: SkillInfo; content: string; etag: string; editable: boolean; files: { path: string; size: number }[];
  variables: { name: string; isSet: boolean }[];
}

export type Role = "viewer" | "operator" | "admin" | "agent";
export interface AuthState {
  loginRequired: boolean; authenticated: boolean; user?: string; role?: Role; csrfToken?: string; expiresAt?: string;
  signIn: "password" | "link";
}

export const api = {
  authState: () => request<AuthState>("/auth/me"),
  login: (user: string, password: string) => request<AuthState>("/auth/login", json({ user, password })),
  logout: () => request<null>("/auth/logout", { method: "POST" }),
  health: () => request<{ status: string; version: string }>("/health"),
  status: () => request<WorkspaceStatus>("/status"),
  sessions: (query: Query) => request<SessionPage>("/sessions" + queryString(query)),
  sessionStats: () => request<SessionStats>("/sessions/stats"),
  session: (sessionID: string) => request<SessionDetail>(`/sessions/${id(sessionID)}`),
  messages: (sessionID: string, query: Query) => request<TranscriptPage>(`/sessions/${id(sessionID)}/messages` + queryString(query)),
  search: (query: Query) => request<SearchResults>("/sessions/search" + queryString(query)),
  deleteSession: (sessionID: string) => request<DeletionReport>(`/sessions/${id(sessionID)}`, { method: "DELETE" }),
  deleteSessions: (ids: string[]) => request<DeletionReport>("/sessions/delete", json({ ids })),
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
  logStreamURL: (query: Query, ticket: string) => `${basePath}/api/v1/logs/stream` + queryString({ ...query, ticket }),
  eventTicket: () => request<{ ticket: string; expiresAt: string }>("/events/ticket", { method: "POST" }),
  cronJobs: () => request<{ items: CronJob[] }>("/cron/jobs"),
  cronScheduler: () => request<CronScheduler>("/cron/scheduler"),
  createCronJob: (draft: CronDraft) => request<CronJob>("/cron/jobs", json(draft)),
  updateCronJob: (jobID: string, draft: CronDraft, etag: string) => request<CronJob>(`/cron/jobs/${id(jobID)}`, json(draft, "PUT", { "If-Match": etag })),
  cronAction: (jobID: string, action: "pause" | "resume" | "trigger", reason?: string) =>
    request<CronJob>(`/cron/jobs/${id(jobID)}/${action}`, action === "pause" && reason ? json({ reason }) : { method: "POST" }),
  deleteCronJob: (jobID: string) => request<null>(`/cron/jobs/${id(jobID)}`, { method: "DELETE" }),
  cronPreview: (schedule: string, count = 5) => request<CronPreview>("/cron/preview", json({ schedule, count })),
  cronRuns: (jobID: string, cursor?: string) => request<{ items: CronRun[]; nextCursor?: string }>(`/cron/jobs/${id(jobID)}/runs` + queryString({ limit: 20, cursor })),
  cronRun: (jobID: string, runID: string) => request<{ id: string; text: string; sizeBytes: number; truncated: boolean }>(`/cron/jobs/${id(jobID)}/runs/${id(runID)}`),
  cronRunDownloadURL: (jobID: string, runID: string) => `${basePath}/api/v1/cron/jobs/${id(jobID)}/runs/${id(runID)}?download=true`,
  skills: () => request<{ items: SkillInfo[]; categories: string[] }>("/skills"),
  skill: (name: string) => request<SkillDetail>(`/skills/${id(name)}`),
  skillFile: (name: string, path: string) => request<{ path: string; text: string }>(`/skills/${id(name)}/files/${path.split("/").map(id).join("/")}`),
  saveSkill: (name: string, text: string, etag: string) => request<SkillDetail>(`/skills/${id(name)}/content`, json({ text }, "PUT", { "If-Match": etag })),
  createSkill: (body: { name: string; category?: string; description: string; body: string }) => request<SkillDetail>("/skills", json(body)),
  setSkillEnabled: (name: string, enabled: boolean, platform?: string) =>
    request<{ skill: SkillInfo; configEtag: string }>(`/skills/${id(name)}/enabled`, json({ enabled, platform }, "PUT")),
  approvals: (status: ApprovalStatus | "all") => request<{ mode: string; timeout: number; pending: number; loginRequired: boolean; items: Approval[] }>("/approvals" + queryString({ status })),
  approve: (approvalID: string, scope: "once" | "session" | "always") => request<Approval>(`/approvals/${id(approvalID)}/approve`, json({ scope })),
  deny: (approvalID: string, reason: string) => request<Approval>(`/approvals/${id(approvalID)}/deny`, json({ reason })),
  approvalRules: () => request<{ items: ApprovalRule[] }>("/approvals/rules"),
  deleteApprovalRule: (ruleID: number) => request<null>(`/approvals/rules/${ruleID}`, { method: "DELETE" }),
  audit: (query: Query) => request<{ items: AuditEvent[]; nextCursor?: string }>("/audit" + queryString(query)),
};
