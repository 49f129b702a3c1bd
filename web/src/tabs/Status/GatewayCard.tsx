import React from "react";
import { GatewayStatus } from "../../api";
import { Badge, Tone } from "../../ui/Badge";
import { duration, relativeTime } from "../../format";
import { GatewayControls } from "./GatewayControls";

function livenessBadge(gateway: GatewayStatus): { tone: Tone; text: string } {
  if (gateway.liveness === "running") {
    return { tone: gateway.state === "running" ? "good" : "warn", text: gateway.state };
  }
  if (gateway.liveness === "stale-pid") return { tone: "bad", text: "not running (stale pid file)" };
  if (gateway.liveness === "running-elsewhere") return { tone: "good", text: gateway.state };
  return { tone: gateway.state === "startup_failed" ? "bad" : "neutral", text: gateway.state === "startup_failed" ? "startup failed" : "stopped" };
}

export function GatewayCard({ gateway }: { gateway: GatewayStatus }) {
  const badge = livenessBadge(gateway);
  const api = gateway.apiServer;
  return (
    <section className="card" aria-labelledby="gateway-title">
      <div className="card-head">
        <h2 id="gateway-title">Gateway</h2>
        <Badge tone={badge.tone}><span data-testid="gateway-state">{badge.text}</span></Badge>
      </div>
      {gateway.liveness === "stale-pid" && (
        <p className="alert alert-bad small">
          gateway.pid names process {gateway.pid ?? "?"}, which is not a live gateway. It last reported
          <strong> {gateway.lastReportedState ?? "nothing"}</strong>{gateway.updatedAt ? ` ${relativeTime(gateway.updatedAt)}` : ""}.
          Start it below, or with <code>hermes gateway run</code>.
        </p>
      )}
      {gateway.restartNeeded && gateway.liveness === "running" && (
        <p className="alert alert-warn small" data-testid="gateway-restart-needed">
          Restart needed: {gateway.restartNeeded.changed.map((change) => change.path).slice(0, 4).join(", ")} changed after the gateway started.
        </p>
      )}
      <dl className="facts">
        <dt>PID</dt><dd>{gateway.liveness === "running" ? gateway.pid : "—"}</dd>
        <dt>Uptime</dt><dd>{duration(gateway.uptimeSeconds)}</dd>
        <dt>Active agents</dt><dd>{gateway.activeAgents}</dd>
        <dt>API server</dt>
        <dd>
          {!api.enabled ? <span className="muted">disabled</span>
            : api.reachable === true ? <Badge tone="good">reachable on :{api.port}{api.latencyMilliseconds ? ` · ${api.latencyMilliseconds.toFixed(0)} ms` : ""}</Badge>
            : api.reachable === false ? <Badge tone="bad">unreachable on :{api.port}</Badge>
            : <span className="muted">{api.host}:{api.port} (not probed)</span>}
        </dd>
        <dt>Cron ticker</dt>
        <dd>
          {gateway.cronTicker.heartbeatAgeSeconds === undefined ? <span className="muted">no heartbeat yet</span>
            : <Badge tone={gateway.cronTicker.stale ? "warn" : "good"}>heartbeat {duration(gateway.cronTicker.heartbeatAgeSeconds)} ago</Badge>}
        </dd>
        {gateway.exitReason && (<><dt>Exit reason</dt><dd>{gateway.exitReason}</dd></>)}
      </dl>
      {gateway.warnings.map((warning) => <p key={warning} className="alert alert-warn small">{warning}</p>)}
      <GatewayControls gateway={gateway} />
    </section>
  );
}
