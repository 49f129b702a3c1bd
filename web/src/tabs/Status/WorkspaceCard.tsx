import React from "react";
import { WorkspaceStatus } from "../../api";
import { duration } from "../../format";

export function WorkspaceCard({ workspace }: { workspace: WorkspaceStatus["workspace"] }) {
  return (
    <section className="card" aria-labelledby="workspace-title">
      <div className="card-head">
        <h2 id="workspace-title">Workspace</h2>
        <span className="muted small">v{workspace.version}</span>
      </div>
      <dl className="facts">
        <dt>Home</dt><dd><code>{workspace.home}</code></dd>
        <dt>Uptime</dt><dd>{duration(workspace.uptimeSeconds)}</dd>
        <dt>Started</dt><dd>{new Date(workspace.startedAt).toLocaleString()}</dd>
      </dl>
    </section>
  );
}
