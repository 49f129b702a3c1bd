// Tools: the agent's MCP servers (mcp_servers in config.yaml) — what each runs or calls, whether the agent uses it,
// and its secrets as references into .env, never as values.
import React, { useState } from "react";
import { api, MCPServerList } from "../../api";
import { useEvent } from "../../events";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { Switch } from "../../ui/Switch";
import { describeError, useLoader } from "../../ui/useLoader";
import { MCPServerForm } from "./MCPServerForm";

type Server = MCPServerList["items"][number];

export function ToolsTab() {
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);
  const servers = useLoader(() => api.mcpServers(), [generation]);
  const [editing, setEditing] = useState<Server | "new" | null>(null);
  const [removing, setRemoving] = useState<Server | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEvent("config.changed", reload, []);
  useEvent("env.changed", reload, []);
  if (servers.error && !servers.data) return <div className="alert alert-bad" role="alert">{servers.error}</div>;
  if (!servers.data) return <p className="loading">Loading MCP servers…</p>;
  const list = servers.data;
  const toggle = (server: Server) => {
    setError(null);
    api.setMCPServerEnabled(server.name, !server.enabled).then(() => { setNotice(`${server.name} ${server.enabled ? "disabled" : "enabled"}; the agent picks it up when it next starts.`); reload(); },
      (caught) => setError(describeError(caught)));
  };
  const remove = () => {
    if (!removing) return;
    api.removeMCPServer(removing.name, list.etag).then(() => { setNotice(`${removing.name} removed from config.yaml.`); setRemoving(null); reload(); },
      (caught) => { setError(describeError(caught)); setRemoving(null); });
  };
  return (
    <div className="tools">
      <div className="config-toolbar">
        <button className="button" type="button" onClick={() => { setEditing("new"); setNotice(null); }}>New MCP server</button>
        <span className="muted small">{list.items.length} server{list.items.length === 1 ? "" : "s"} in mcp_servers · the agent connects at start-up</span>
      </div>
      {notice && <div className="alert alert-good" role="status">{notice}</div>}
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {editing && <MCPServerForm server={editing === "new" ? null : editing} etag={list.etag} onCancel={() => setEditing(null)} onStale={reload}
        onSaved={(name) => { setEditing(null); setNotice(`${name} saved to config.yaml.`); reload(); }} />}
      {list.items.length === 0 ? <p className="card muted">No MCP servers yet.</p> : (
        <div className="cron-cards">
          {list.items.map((server) => (
            <article key={server.name} className="cron-card mcp-card" data-mcp={server.name} aria-label={server.name}>
              <header className="cron-card-head">
                <strong className="cron-card-title">{server.name}</strong>
                <Switch checked={server.enabled} label={`${server.name} enabled`} onChange={() => toggle(server)} />
              </header>
              <dl className="cron-card-facts">
                <div><dt>{server.transport === "stdio" ? "Runs" : "Calls"}</dt>
                  <dd><code>{server.transport === "stdio" ? [server.command, ...server.args].join(" ") : server.url}</code>
                    {server.transport === "sse" && <span className="badge badge-neutral">sse</span>}</dd></div>
                {[...server.env, ...server.headers].length > 0 && (
                  <div><dt>{server.transport === "stdio" ? "Env" : "Headers"}</dt>
                    <dd className="mcp-settings">{[...server.env, ...server.headers].map((setting) => (
                      <span key={setting.name} className="mcp-setting">
                        <code>{setting.name}</code> {setting.reference ? <code className="muted">{setting.reference}</code> : <code className="muted">{setting.masked}</code>}
                        {" "}<span className={`badge ${setting.isSet ? "badge-good" : "badge-warn"}`}>{setting.isSet ? "set" : "not set"}</span>
                      </span>
                    ))}</dd></div>
                )}
                {server.timeout && <div><dt>Timeout</dt><dd>{server.timeout} s</dd></div>}
              </dl>
              {server.warnings.map((warning) => <p key={warning} className="alert alert-warn small">{warning}</p>)}
              <footer className="cron-card-actions">
                <button className="button ghost small-button" type="button" onClick={() => { setEditing(server); setNotice(null); }}>Edit</button>
                <button className="button danger-outline small-button" type="button" onClick={() => setRemoving(server)}>Remove</button>
              </footer>
            </article>
          ))}
        </div>
      )}
      {removing && (
        <ConfirmDialog title={`Remove ${removing.name}?`} confirmLabel="Remove" onConfirm={remove} onCancel={() => setRemoving(null)}>
          <p>It leaves mcp_servers in config.yaml (the rest of the file stays as it is). Its .env variables stay; delete them in API Keys if no longer needed.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
