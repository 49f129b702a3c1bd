// Start, stop, restart and drain the profile's gateway. Each is a background action on the server: the buttons
// show it running (a second press joins it), its last lines, and how it ended.
import React, { useEffect, useState } from "react";
import { api, GatewayAction, GatewayStatus, GatewayVerb } from "../../api";
import { useEvent } from "../../events";
import { describeError } from "../../ui/useLoader";
import { ConfirmDialog } from "../../ui/ConfirmDialog";

export function GatewayControls({ gateway }: { gateway: GatewayStatus }) {
  const [action, setAction] = useState<GatewayAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmStop, setConfirmStop] = useState(false);
  useEffect(() => {
    api.gatewayActions().then((answer) => setAction(answer.items[0] || null), () => undefined);
  }, []);
  useEvent("gateway.action", (event) => {
    if (event.data) setAction((previous) => ({ ...(previous || {}), ...event.data } as GatewayAction));
  }, []);
  const running = action?.status === "running";
  const run = async (verb: GatewayVerb) => {
    setError(null);
    try {
      const answer = await api.gateway(verb);
      setAction(answer.action);
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  const drain = async (cancel: boolean) => {
    setError(null);
    try { await api.gatewayDrain(cancel); } catch (caught) { setError(describeError(caught)); }
  };
  const alive = gateway.liveness === "running";
  const elsewhere = gateway.liveness === "running-elsewhere";
  return (
    <div className="gateway-controls">
      <div className="button-row">
        {!alive && !elsewhere && <button type="button" className="button" onClick={() => run("start")} disabled={running}>Start</button>}
        {alive && <button type="button" className="button" onClick={() => run("restart")} disabled={running && action?.verb !== "restart"}>Restart</button>}
        {alive && gateway.state !== "draining" && <button type="button" className="button ghost" onClick={() => drain(false)} disabled={running}>Drain</button>}
        {alive && gateway.state === "draining" && <button type="button" className="button ghost" onClick={() => drain(true)}>Cancel drain</button>}
        {alive && <button type="button" className="button danger-outline" onClick={() => setConfirmStop(true)} disabled={running}>Stop</button>}
      </div>
      {elsewhere && <p className="muted small">It runs outside this PID namespace (another container): start and stop it where it runs.</p>}
      {action && (
        <div className={`gateway-action gateway-action-${action.status}`} aria-live="polite" data-testid="gateway-action">
          <p className="small">
            <strong>{action.name}</strong>{" "}
            {action.status === "running" ? "running…" : action.status === "succeeded" ? "succeeded" : "failed"}
            {action.method === "detached" ? " (no service manager: gateway run started detached)" : ""}
            {action.message ? ` — ${action.message}` : ""}
          </p>
          {action.lines && action.lines.length > 0 && (
            <pre className="action-lines" aria-label={`Last lines of ${action.log || action.name}`}>{action.lines.slice(-12).join("\n")}</pre>
          )}
        </div>
      )}
      {error && <p className="alert alert-bad small" role="alert">{error}</p>}
      {confirmStop && (
        <ConfirmDialog title="Stop the gateway?" confirmLabel="Stop gateway" onCancel={() => setConfirmStop(false)}
          onConfirm={() => { setConfirmStop(false); run("stop"); }}>
          <p>Chat platforms, the API server and the gateway's cron ticker stop until it is started again.
            {gateway.activeAgents > 0 ? ` ${gateway.activeAgents} conversation(s) are running now; Drain lets them finish first.` : ""}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
