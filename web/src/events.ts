// The one event stream every tab shares: opened with a single-use ticket (EventSource cannot send the token as a
// header), resumed after the last event id on reconnect, and announced as live / reconnecting / offline.
import { useEffect, useState } from "react";
import { api, basePath, hasSession } from "./api";
import { currentProfile } from "./profile";

export type ConnectionState = "connecting" | "live" | "offline";
export interface WorkspaceEvent { type: string; id: string; data: any }
type Handler = (event: WorkspaceEvent) => void;

const knownTypes = [
  "config.changed", "env.changed", "cron.jobs.changed", "memory.changed", "webhooks.changed", "cron.run.started", "cron.run.finished", "gateway.changed", "gateway.action",
  "profiles.changed", "approvals.changed", "reset",
];
const handlers = new Map<string, Set<Handler>>();
const stateListeners = new Set<(state: ConnectionState) => void>();
let state: ConnectionState = "connecting";
let source: EventSource | null = null;
let lastEventId = "";
let retryTimer = 0;
let failures = 0;

function setState(next: ConnectionState) {
  state = next;
  stateListeners.forEach((listener) => listener(next));
}

/// Events about one profile's files; a page shows them only for its own profile.
const profileEvents = new Set(["config.changed", "env.changed", "cron.jobs.changed", "memory.changed", "webhooks.changed", "gateway.changed", "gateway.action"]);

function deliver(type: string, message: MessageEvent) {
  if (message.lastEventId) lastEventId = message.lastEventId;
  let data: any = null;
  try { data = message.data ? JSON.parse(message.data) : null; } catch { data = null; }
  const profile = data && typeof data.profile === "string" ? data.profile : "default";
  if (profileEvents.has(type) && profile !== currentProfile()) return;
  handlers.get(type)?.forEach((handler) => handler({ type, id: message.lastEventId, data }));
}

function retry() {
  window.clearTimeout(retryTimer);
  failures += 1;
  retryTimer = window.setTimeout(connect, Math.min(30000, 1000 * 2 ** Math.min(failures, 5)));
}

async function connect() {
  if (source) { source.close(); source = null; }
  if (!hasSession()) { setState("offline"); retry(); return; }
  setState(failures ? "offline" : "connecting");
  let ticket: string;
  try {
    ticket = (await api.eventTicket()).ticket;
  } catch {
    setState("offline"); retry(); return;
  }
  const resume = lastEventId ? `&lastEventID=${encodeURIComponent(lastEventId)}` : "";
  const opened = new EventSource(`${basePath}/api/v1/events?ticket=${encodeURIComponent(ticket)}${resume}`);
  source = opened;
  opened.onopen = () => { failures = 0; setState("live"); };
  // The browser would retry with the same (now used) ticket; a fresh connection gets a fresh ticket instead.
  opened.onerror = () => { opened.close(); if (source === opened) source = null; setState("offline"); retry(); };
  knownTypes.forEach((type) => opened.addEventListener(type, (message) => deliver(type, message as MessageEvent)));
}

/// Starts the shared stream (once).
export function startEvents() {
  if (!source && !retryTimer) connect();
}

/// Calls `handler` for every event of `type` while the component is mounted.
export function useEvent(type: string, handler: Handler, inputs: unknown[] = []) {
  useEffect(() => {
    const set = handlers.get(type) || new Set<Handler>();
    handlers.set(type, set);
    set.add(handler);
    return () => { set.delete(handler); };
  }, inputs);
}

/// The stream's state, for the header's indicator and for tabs that poll while it is down.
export function useConnectionState(): ConnectionState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    stateListeners.add(setCurrent);
    setCurrent(state);
    return () => { stateListeners.delete(setCurrent); };
  }, []);
  return current;
}
