// The one typed client for /api/v1. The base path and (on a loopback bind) the token come from index.html.

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
const tokenKey = "hermes-workspace-token";

export function currentToken(): string {
  return meta("hermes-token") || sessionStorage.getItem(tokenKey) || "";
}

export function rememberToken(token: string) {
  sessionStorage.setItem(tokenKey, token.trim());
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json");
  const token = currentToken();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  const response = await fetch(`${basePath}/api/v1${path}`, { ...init, headers });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, body && body.error ? body.error : { code: "http_" + response.status, message: response.statusText });
  }
  return body as T;
}

export const api = {
  health: () => request<{ status: string; version: string }>("/health"),
  status: () => request<WorkspaceStatus>("/status"),
};
