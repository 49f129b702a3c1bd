import React, { useEffect, useState } from "react";
import { api, ApiError, WorkspaceStatus } from "../../api";
import { useEvent } from "../../events";
import { GatewayCard } from "./GatewayCard";
import { PlatformsCard } from "./PlatformsCard";
import { HostCard } from "./HostCard";
import { WorkspaceCard } from "./WorkspaceCard";
import { ProfilesCard } from "./ProfilesCard";
import { AttentionStrip } from "./AttentionStrip";
import { setAgentZone } from "../../time";

const refreshMilliseconds = 3000;

export function StatusTab() {
  const [status, setStatus] = useState<WorkspaceStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [updated, setUpdated] = useState<Date | null>(null);
  // Host figures change all the time and are polled; a gateway state change is pushed and shown at once.
  const [nudge, setNudge] = useState(0);
  useEvent("gateway.changed", () => setNudge((value) => value + 1), []);
  useEvent("gateway.action", () => setNudge((value) => value + 1), []);

  useEffect(() => {
    let cancelled = false;
    let timer: number | undefined;
    const load = async () => {
      if (document.hidden) { timer = window.setTimeout(load, refreshMilliseconds); return; }
      try {
        const next = await api.status();
        if (cancelled) return;
        setStatus(next);
        setAgentZone(next.workspace.agentTimeZone);
        setError(null);
        setUpdated(new Date());
      } catch (caught) {
        if (cancelled) return;
        setError(caught instanceof ApiError ? `${caught.body.message} (${caught.status})` : "The workspace server is not answering.");
      }
      if (!cancelled) timer = window.setTimeout(load, refreshMilliseconds);
    };
    load();
    return () => { cancelled = true; window.clearTimeout(timer); };
  }, [nudge]);

  if (!status) {
    return error ? <div className="alert alert-bad" role="alert">{error}</div> : <div className="loading">Loading status…</div>;
  }
  return (
    <div className="status">
      {error && <div className="alert alert-warn" role="alert">Live refresh failed: {error}. Showing the last good data.</div>}
      <AttentionStrip status={status} nudge={nudge} />
      <div className="grid">
        <GatewayCard gateway={status.gateway} />
        <PlatformsCard gateway={status.gateway} />
        <HostCard host={status.host} />
        <WorkspaceCard workspace={status.workspace} />
        <ProfilesCard />
      </div>
      <p className="muted small refreshed" aria-live="polite">
        Refreshes every {refreshMilliseconds / 1000}s{updated ? ` · updated ${updated.toLocaleTimeString()}` : ""}
      </p>
    </div>
  );
}
