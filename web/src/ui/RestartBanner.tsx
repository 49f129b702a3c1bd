// "Restart needed": the running gateway started before a change to config.yaml, .env, a skill or a plugin, so it
// does not see it yet. Shown on every tab after such a save, with the restart button beside it.
import React, { useEffect, useState } from "react";
import { api, GatewayStatus } from "../api";
import { useEvent } from "../events";
import { useProfile } from "../profile";
import { describeError } from "./useLoader";

export function RestartBanner() {
  const profile = useProfile();
  const [gateway, setGateway] = useState<GatewayStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nudge, setNudge] = useState(0);
  const [running, setRunning] = useState<string | null>(null);
  const again = () => setNudge((value) => value + 1);
  for (const type of ["config.changed", "env.changed", "gateway.changed"]) useEvent(type, again, []);
  useEvent("gateway.action", (event) => {
    setRunning(event.data && event.data.status === "running" ? String(event.data.name) : null);
    again();
  }, []);
  useEffect(() => {
    let cancelled = false;
    // The file watcher notices a save within a moment; the answer after it is what counts.
    const timer = window.setTimeout(() => api.status().then((status) => { if (!cancelled) setGateway(status.gateway); }, () => undefined), 300);
    return () => { cancelled = true; window.clearTimeout(timer); };
  }, [nudge, profile]);
  useEffect(() => {
    const timer = window.setInterval(again, 15000);
    return () => window.clearInterval(timer);
  }, []);
  const needed = gateway?.restartNeeded;
  if (!needed || gateway?.liveness !== "running") return null;
  const files = needed.changed.map((change) => change.path);
  const restart = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.gateway("restart");
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="alert alert-warn restart-banner" role="status" data-testid="restart-needed">
      <span>
        <strong>Restart needed.</strong> The gateway started before {files.slice(0, 3).join(", ")}
        {files.length > 3 ? ` and ${files.length - 3} more` : ""} changed; it does not see {files.length === 1 ? "that change" : "those changes"} yet.
      </span>
      <button type="button" className="button small-button" onClick={restart} disabled={busy || running !== null}>
        {busy || running === "gateway-restart" ? "Restarting…" : "Restart gateway"}
      </button>
      {error && <span className="small">{error}</span>}
    </div>
  );
}
