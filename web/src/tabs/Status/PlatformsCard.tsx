import React from "react";
import { GatewayStatus } from "../../api";
import { Badge } from "../../ui/Badge";
import { relativeTime } from "../../format";

export function PlatformsCard({ gateway }: { gateway: GatewayStatus }) {
  // A dead gateway's last report is history, not state: greyed and worded "as of".
  const live = gateway.liveness === "running" || gateway.liveness === "running-elsewhere";
  return (
    <section className="card" aria-labelledby="platforms-title">
      <div className="card-head">
        <h2 id="platforms-title">Platforms</h2>
        {!live && gateway.platforms.length > 0 && <span className="muted small">last reported</span>}
      </div>
      {gateway.platforms.length === 0 ? <p className="muted">No platforms reported.</p> : (
        <ul className="platforms">
          {gateway.platforms.map((platform) => (
            <li key={platform.name} className={live ? "platform" : "platform platform-stale"} data-testid={`platform-${platform.name}`}>
              <div className="platform-row">
                <span className="platform-name">{platform.name}</span>
                <Badge tone={!live ? "neutral" : platform.healthy ? "good" : platform.state === "fatal" ? "bad" : "warn"}>
                  {live ? platform.state : `${platform.state} as of ${relativeTime(platform.updatedAt)}`}</Badge>
              </div>
              {platform.errorMessage && <p className="platform-error small">{platform.errorCode ? `${platform.errorCode}: ` : ""}{platform.errorMessage}</p>}
              <span className="muted small">{live ? `updated ${relativeTime(platform.updatedAt)}` : "the gateway is not running: this is its last report"}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
