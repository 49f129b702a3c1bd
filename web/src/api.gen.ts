// Generated from openapi.yaml by scripts/gen-api-types.py; do not edit. CI fails when this file is stale.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ModelSlot {
  slot: string;
  provider: string;
  model: string;
  baseURL?: string;
  usesMain: boolean;
  key?: string;
  keySet: boolean;
}

export interface ModelOverview {
  main: ModelSlot;
  auxiliary: ModelSlot[];
  endpoints: ({
    name: string;
    baseURL: string;
    model?: string;
    key?: string;
    keySet: boolean;
    source: "providers" | "custom_providers";
  })[];
  etag: string;
}

export interface PlatformStatus {
  name: string;
  state: string;
  errorCode?: string;
  errorMessage?: string;
  updatedAt?: string;
  healthy: boolean;
}

export interface ChannelList {
  etag: string;
  items: ({
    id: string;
    label: string;
    configured: boolean;
    enabled: boolean;
    enabledBy: "config" | "credential" | "off";
    keys: KeyEntry[];
    home?: {
      chatID: string;
      name?: string;
      threadID?: string;
      source: "env" | "config";
    };
    live?: PlatformStatus;
    liveIsStale: boolean;
  })[];
}

export interface MCPServerList {
  etag: string;
  items: ({
    name: string;
    transport: "stdio" | "http" | "sse";
    command?: string;
    args: string[];
    url?: string;
    enabled: boolean;
    timeout?: number;
    connectTimeout?: number;
    env: MCPSetting[];
    headers: MCPSetting[];
    warnings: string[];
  })[];
}

export interface MCPSetting {
  name: string;
  reference?: string;
  isSet: boolean;
  masked?: string;
}

export interface MCPTestResult {
  name: string;
  ok: boolean;
  serverName?: string;
  serverVersion?: string;
  tools: {
    name: string;
    description: string;
  }[];
  milliseconds: number;
  problem?: string;
  stderr: string[];
}

export interface ToolsetOverview {
  toolsets: {
    name: string;
    label: string;
    description: string;
    configured: boolean;
  }[];
  platforms: {
    name: string;
    label: string;
    defaultToolset: string;
    explicit: boolean;
    enabled: string[];
    unavailable: string[];
    kept: string[];
  }[];
  disabledEverywhere: string[];
  warnings: string[];
  etag: string;
}

export interface TerminalSettings {
  backend: string;
  backends: string[];
  settings: ({
    key: string;
    type: "string" | "integer" | "number" | "boolean";
    value: Json;
    set: boolean;
    backends: string[];
    help: string;
  })[];
  overriddenBy: string[];
  etag: string;
}

export interface WebhookSubscription {
  name: string;
  description: string;
  events: string[];
  prompt: string;
  skills: string[];
  deliver: string;
  deliverOnly: boolean;
  enabled: boolean;
  hasSecret: boolean;
  insecure: boolean;
  createdAt?: string;
  url: string;
}

export interface WebhookList {
  items: WebhookSubscription[];
  platformEnabled: boolean;
  etag: string;
}

export interface WebhookDraft {
  description?: string | null;
  events?: string[] | null;
  prompt?: string | null;
  skills?: string[] | null;
  deliver?: string | null;
  deliverOnly?: boolean | null;
  chatID?: string | null;
}

export interface SessionImportReport {
  dryRun: boolean;
  ok: boolean;
  sessions: number;
  messages: number;
  imported: number;
  skipped: number;
  detached: number;
  importedIDs: string[];
  skippedIDs: string[];
  errors: {
    index: number;
    sessionID?: string;
    error: string;
  }[];
}

export interface Account {
  name: string;
  role: "viewer" | "operator" | "admin";
  createdAt: string;
  lastSignInAt?: string;
  disabled: boolean;
  secondFactor: boolean;
  recoveryCodesLeft: number;
}

export interface UserList {
  items: Account[];
  requireSecondFactor: ("viewer" | "operator" | "admin")[];
}

export interface MyAccount {
  name: string;
  role: "viewer" | "operator" | "admin";
  secondFactor: boolean;
  recoveryCodesLeft: number;
  secondFactorRequired: boolean;
  lastSignInAt?: string;
}

export interface SecondFactorEnrollment {
  secret: string;
  uri: string;
}

export interface RecoveryCodes {
  recoveryCodes: string[];
}

export interface SignInList {
  items: {
    id: string;
    user: string;
    role: string;
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
    address?: string;
    userAgent?: string;
    current: boolean;
  }[];
}

export interface MemoryDocument {
  target: "memory" | "user";
  file: string;
  exists: boolean;
  etag: string;
  entries: string[];
  used: number;
  limit: number;
}

export interface MemoryOverview {
  memoryEnabled: boolean;
  userProfileEnabled: boolean;
  provider: string;
  writeApproval: boolean;
  files: MemoryDocument[];
  note: string;
}

/** A schedule read as the agent reads it, or (with `report`) the agent's grammar refusing it. */
export type CronPreview = CronPreviewParsed | CronPreviewRefused;

export interface CronPreviewParsed {
  valid: true;
  kind: "interval" | "cron" | "once";
  display: string;
  timezone: string;
  schedule: { [key: string]: Json };
  next: string[];
}

export interface CronPreviewRefused {
  valid: false;
  problem: {
    code: string;
    message: string;
  };
  next: string[];
}

export interface GatewayAction {
  name: "gateway-start" | "gateway-stop" | "gateway-restart";
  profile: string;
  verb: "start" | "stop" | "restart";
  status: "running" | "succeeded" | "failed";
  method: "service" | "detached";
  startedAt: string;
  finishedAt?: string;
  exitCode?: number;
  previousPID?: number;
  pid?: number;
  message?: string;
  log: string;
  lines: string[];
}

export interface RestartNeeded {
  gatewayStartedAt: string;
  changed: {
    path: string;
    changedAt: string;
  }[];
}

export interface ProfileSummary {
  name: string;
  path: string;
  isDefault: boolean;
  active: boolean;
  description: string;
  model?: string;
  provider?: string;
  hasEnv: boolean;
  skillCount: number;
  sessionCount: number;
  costToday: number;
  cron: {
    total: number;
    due: number;
    failed: number;
  };
  pendingApprovals: number;
  gateway: {
    liveness: "running" | "stopped" | "stale-pid" | "running-elsewhere";
    state: string;
    pid?: number;
    startedAt?: string;
    drainRequested: boolean;
    action?: GatewayAction;
    restartNeeded?: RestartNeeded;
  };
  warnings: string[];
}

export interface ProfileList {
  items: ProfileSummary[];
  active: string;
}

export interface ProfileDeletionPlan {
  profile: string;
  path: string;
  entries: ({
    name: string;
    kind: "file" | "folder";
    bytes: number;
    files: number;
  })[];
  bytes: number;
  files: number;
  gatewayRunning: boolean;
  active: boolean;
  dryRun: boolean;
}

export interface Persona {
  profile: string;
  text: string;
  exists: boolean;
  etag: string;
  diff?: string;
}

export interface CronJob {
  id: string;
  name: string;
  status: "scheduled" | "running" | "paused" | "failed" | "completed";
  schedule: string;
  etag?: string;
  nextRunAt?: string;
  lastRunAt?: string;
  lastStatus?: string;
  lastError?: string;
  job: { [key: string]: Json };
}

export interface Skill {
  name: string;
  category?: string;
  description: string;
  version?: string;
  license?: string;
  platforms: string[];
  tags: string[];
  relatedSkills: string[];
  requiredVariables: string[];
  provenance: "hub" | "bundled" | "local" | "external";
  path: string;
  root: string;
  enabled: boolean;
  disabledOn: string[];
  warnings: string[];
}

export interface SkillDetail {
  skill: Skill;
  content: string;
  etag: string;
  editable: boolean;
  files: {
    path: string;
    size: number;
  }[];
  variables: {
    name: string;
    isSet: boolean;
  }[];
}

export interface ApprovalRequest {
  id: string;
  createdAt: string;
  expiresAt: string;
  sessionID?: string;
  platform?: string;
  tool: string;
  action: string;
  workdir?: string;
  reason?: string;
  risks: string[];
  status: "pending" | "approved" | "denied" | "expired";
  scope?: "once" | "session" | "always";
  decidedBy?: string;
  decidedAt?: string;
  denyReason?: string;
  description?: string;
  patternKeys: string[];
  allowPermanent: boolean;
  smartDenied: boolean;
  surface?: "cli" | "gateway" | "headless";
  decidedVia?: "workspace" | "chat" | "terminal" | "headless" | "rule" | "session" | "timeout";
  choices: ("once" | "session" | "always" | "deny")[];
  profile?: string;
}

export interface PairedUser {
  platform: string;
  userID: string;
  userName: string;
  approvedAt?: string;
}

export interface StagedWrite {
  id: string;
  subsystem: "memory" | "skills";
  action: string;
  summary: string;
  origin: string;
  createdAt: string;
  preview: string;
  target: string;
}

export interface AuthState {
  loginRequired: boolean;
  authenticated: boolean;
  user?: string;
  role?: "viewer" | "operator" | "admin" | "agent";
  csrfToken?: string;
  expiresAt?: string;
  enrollOnly?: boolean;
  signIn: "password" | "link";
}

/** Fields of a job; on create `schedule` is required, on edit only the fields sent change. */
export interface CronJobDraft {
  name?: string | null;
  prompt?: string | null;
  schedule?: string;
  skills?: string[] | null;
  model?: string | null;
  provider?: string | null;
  baseUrl?: string | null;
  script?: string | null;
  noAgent?: boolean;
  deliver?: string | null;
  repeat?: number | null;
  contextFrom?: string[] | null;
  enabledToolsets?: string[] | null;
  workdir?: string | null;
}

export interface LogRecord {
  id: string;
  file: string;
  localTime?: string;
  time?: string;
  level?: string;
  session?: string;
  logger?: string;
  message: string;
  continuation: string[];
  raw: boolean;
}

export interface LogPage {
  items: LogRecord[];
  nextCursor?: string | null;
  partial: boolean;
  bytesScanned: number;
}

export interface ConfigOperation {
  path: string | string[];
  value?: Json;
  delete?: boolean;
}

export interface ConfigDocument {
  path: string;
  exists: boolean;
  etag: string;
  modified?: string | null;
  readOnly: boolean;
  config: { [key: string]: Json };
  maskedPaths: string[];
}

export interface ConfigChange {
  written: boolean;
  etag: string;
  changedPaths: string[];
  diff: string;
  backupID?: string | null;
  backupId?: string | null;
  config: { [key: string]: Json } | null;
}

export interface ConfigVersion {
  id: string;
  savedAt: string;
  size: number;
  etag: string;
  diff: string;
  change?: {
    summary: string[];
    source: string;
    actor?: string | null;
  };
}

export interface KeyEntry {
  name: string;
  isSet: boolean;
  masked?: string;
  value?: string;
  isSecret: boolean;
  known: boolean;
  category: "provider" | "tool" | "messaging" | "skill" | "setting" | "custom";
  description: string;
  url?: string;
  advanced: boolean;
  tools: string[];
  neededBy: string[];
  exported: boolean;
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  clientAddress?: string | null;
  action: "auth.login" | "auth.link" | "auth.logout" | "config.patch" | "config.replace" | "config.restore" | "keys.set" | "keys.delete" | "keys.reveal" | "sessions.delete" | "skills.create" | "skills.edit" | "cron.create" | "cron.update" | "cron.pause" | "cron.resume" | "cron.trigger" | "cron.delete" | "approvals.submit" | "approvals.approve" | "approvals.deny" | "approvals.rule.delete" | "approvals.outcome" | "approvals.staged.approve" | "approvals.staged.reject" | "pairing.approve" | "pairing.deny" | "pairing.revoke" | "gateway.start" | "gateway.stop" | "gateway.restart" | "gateway.drain" | "profiles.create" | "profiles.rename" | "profiles.delete" | "profiles.describe" | "profiles.soul" | "memory.add" | "memory.replace" | "models.test" | "sessions.rename" | "sessions.archive" | "sessions.unarchive" | "webhooks.create" | "webhooks.update" | "webhooks.enable" | "webhooks.disable" | "webhooks.delete" | "sessions.prune" | "sessions.import" | "mcp.test" | "users.create" | "users.update" | "users.delete" | "users.policy" | "account.password" | "account.second_factor" | "account.session_end";
  target: string;
  outcome: "ok" | "refused" | "failed" | "throttled" | "pending" | "auto-approved";
  summary: string;
  requestID?: string | null;
  requestId?: string | null;
  profile?: string;
  role?: "viewer" | "operator" | "admin" | "agent";
}

/** One event of a stream, as an EventSource sees it; `data` is compact JSON. */
export interface ServerSentEvent {
  id?: string;
  event?: "approvals.changed" | "config.changed" | "env.changed" | "cron.jobs.changed" | "memory.changed" | "webhooks.changed" | "cron.run.started" | "cron.run.finished" | "gateway.changed" | "gateway.action" | "profiles.changed" | "auth.lockout" | "reset";
  data?: string;
  retry?: number;
}

export interface Error {
  error: {
    code: string;
    message: string;
    details?: { [key: string]: string };
  };
}

export interface Health {
  status: "ok";
  version: string;
}

export interface WorkspaceStatus {
  gateway: GatewayStatus;
  workspace: {
    version: string;
    home: string;
    startedAt: string;
    uptimeSeconds: number;
    agentTimeZone: string;
    demoHome: boolean;
  };
  host: HostStats;
}

export interface GatewayStatus {
  liveness: "running" | "stopped" | "stale-pid" | "running-elsewhere";
  state: string;
  lastReportedState?: string;
  pid?: number;
  startedAt?: string;
  uptimeSeconds?: number;
  activeAgents: number;
  exitReason?: string;
  updatedAt?: string;
  platforms: PlatformStatus[];
  apiServer: {
    enabled: boolean;
    host: string;
    port: number;
    reachable?: boolean;
    latencyMilliseconds?: number;
    version?: string;
    error?: string;
  };
  cronTicker: {
    heartbeatAt?: string;
    heartbeatAgeSeconds?: number;
    stale: boolean;
  };
  warnings: string[];
  restartNeeded?: RestartNeeded;
}

export interface HostStats {
  hostname: string;
  operatingSystem: string;
  architecture: string;
  cpuCount: number;
  loadAverage: number[];
  uptimeSeconds?: number;
  memory?: {
    totalBytes: number;
    availableBytes: number;
    usedBytes: number;
    usedPercent: number;
  };
  disk?: {
    path: string;
    totalBytes: number;
    availableBytes: number;
    usedPercent: number;
  };
  process: {
    pid: number;
    residentBytes: number;
    threads: number;
  };
}

/** `live`: the transcript as the agent sees it; `history`: plus compacted messages; `all`: plus rewound ones. */
export type Visibility = "live" | "history" | "all";

export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
  total: number;
}

export interface CostFigures {
  estimatedUSD: number;
  actualUSD?: number;
  status?: string;
}

export interface SessionSummary {
  id: string;
  kind: "root" | "continuation" | "branch" | "delegate" | "child" | "orphan";
  segmentIDs: string[];
  title?: string;
  preview?: string;
  platform: string;
  model?: string;
  provider?: string;
  startedAt: string;
  endedAt?: string;
  lastActiveAt: string;
  endReason?: string;
  isOpen: boolean;
  isActive: boolean;
  messageCount: number;
  toolCallCount: number;
  apiCallCount: number;
  tokens: TokenCounts;
  cost: CostFigures;
  parentID?: string;
  childCount: number;
  profile?: string;
  archived: boolean;
}

export interface SessionPage {
  items: SessionSummary[];
  nextCursor?: string;
  total?: number;
  notice?: string;
}

/** One `sessions` row. */
export interface SessionRecord {
  id: string;
  platform: string;
  title?: string;
  model?: string;
  startedAt: string;
  endedAt?: string;
  endReason?: string;
  messageCount: number;
  toolCallCount: number;
  apiCallCount: number;
  tokens: TokenCounts;
  cost: CostFigures;
  provider?: string;
  parentID?: string;
  profile?: string;
  archived: boolean;
  cwd?: string;
  userID?: string;
  chatType?: string;
  displayName?: string;
}

export interface ModelUsageRow {
  model: string;
  provider: string;
  task?: string;
  isAuxiliary: boolean;
  source: "model_usage" | "session_counters";
  apiCallCount: number;
  tokens: TokenCounts;
  cost: CostFigures;
  firstSeenAt?: string;
  lastSeenAt?: string;
}

export interface SessionDetail {
  requestedID: string;
  conversation: SessionSummary;
  segments: SessionRecord[];
  parent?: SessionSummary;
  branches: SessionSummary[];
  delegates: SessionSummary[];
  otherChildren: SessionSummary[];
  usage: ModelUsageRow[];
}

export interface ToolCall {
  id?: string;
  name: string;
  arguments: Json;
  resultMessageID?: number;
}

export interface TranscriptMessage {
  id: number;
  sessionID: string;
  role: string;
  content?: string;
  contentBytes?: number;
  contentParts?: Json;
  reasoning?: string;
  toolCalls: ToolCall[];
  toolCallID?: string;
  toolName?: string;
  callMessageID?: number;
  finishReason?: string;
  timestamp: string;
  active: boolean;
  compacted: boolean;
  observed: boolean;
}

export interface TranscriptPage {
  conversationID: string;
  segmentIDs: string[];
  items: TranscriptMessage[];
  nextCursor?: string;
  total: number;
}

export interface SearchResults {
  mode: "words" | "substring";
  expression: string;
  nextCursor?: string;
  notice?: string;
  items: SearchResultGroup[];
  groups?: SearchResultGroup[];
}

/** One conversation with its hits on this page, newest first. */
export interface SearchResultGroup {
  conversation: SessionSummary;
  hits: {
    messageID: number;
    sessionID: string;
    role: string;
    timestamp: string;
    snippet: {
      text: string;
      match: boolean;
    }[];
  }[];
}

export interface SessionStats {
  available: boolean;
  notice?: string;
  conversations: number;
  archived: number;
  open: number;
  sessions: number;
  messages: number;
  schemaVersion?: number;
  platforms: {
    platform: string;
    conversations: number;
    sessions: number;
    messages: number;
  }[];
}

export interface DeletionReport {
  deleted: string[];
  removedSessions: number;
  removedMessages: number;
  detachedChildren: string[];
  refused: ({
    id: string;
    reason: "active" | "not_found";
  })[];
}

export interface DeletionPreview {
  matched: number;
  active: number;
  sample: SessionSummary[];
  truncated: boolean;
}

export interface AnalyticsWindow {
  from: string;
  to: string;
  timeZone: string;
  bucket: "day" | "week" | "month";
}

export interface UsageFigures {
  sessions: number;
  conversations: number;
  messages: number;
  apiCalls: number;
  toolCalls: number;
  tokens: TokenCounts;
  cost: CostFigures;
  sessionsWithActualCost: number;
  auxiliary: {
    apiCalls: number;
    tokens: TokenCounts;
    cost: CostFigures;
  };
}

export interface UsageReport {
  window: AnalyticsWindow;
  buckets: {
    start: string;
    end: string;
    label: string;
    usage: UsageFigures;
  }[];
  totals: UsageFigures;
  notice?: string;
}

export interface ModelReport {
  window: AnalyticsWindow;
  source: "model_usage" | "sessions";
  notice?: string;
  models: {
    model: string;
    provider: string;
    task?: string;
    isAuxiliary: boolean;
    sessions: number;
    apiCalls: number;
    tokens: TokenCounts;
    cost: CostFigures;
    includesSessionCounters: boolean;
  }[];
}

export interface PlatformReport {
  window: AnalyticsWindow;
  notice?: string;
  platforms: {
    platform: string;
    usage: UsageFigures;
  }[];
}

export interface TopSessionsReport {
  window: AnalyticsWindow;
  by: "cost" | "tokens";
  sessions: SessionSummary[];
  notice?: string;
}
