import React from "react";
import { GatewayStatus } from "../../api";
import { Badge } from "../../ui/Badge";
import { relativeTime } from "../../format";

export function PlatformsCard({ gateway }: { gateway: GatewayStatus }) {
  const live = gateway.liveness === "running";
  return (
    <section className="card" aria-labelledby="platforms-title">
      <div className="card-head">
        <h2 id="platforms-title">Platforms</h2>
        {!live && gateway.platforms.length > 0 && <span className="muted small">last reported</span>}
      </div>
      {gateway.platforms.length === 0 ? <p className="muted">No platforms reported.</p> : (
        <ul className="platforms">
          {gateway.platforms.map((platform) => (
            <li key={platform.name} className="platform" data-testid={`platform-${platform.name}`}>
              <div className="platform-row">
                <span className="platform-name">{platform.name}</span>
                <Badge tone={!live ? "neutral" : platform.healthy ? "good" : platform.state === "fatal" ? "bad" : "warn"}>{platform.state}</Badge>
              </div>
              {platform.errorMessage && <p className="platform-error small">{platform.errorCode ? `${platform.errorCode}: ` : ""}{platform.errorMessage}</p>}
              <span className="muted small">updated {relativeTime(platform.updatedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
