// Tools: what the agent can use and where it runs — its MCP servers (mcp_servers in config.yaml, secrets as
// references into .env, never as values), toolsets per platform, the terminal backend and the webhook routes.
import React, { useState } from "react";
import { api, MCPServerList, MCPTestResult } from "../../api";
import { can } from "../../role";
import { useEvent } from "../../events";
import { navigate, useSearchParams } from "../../router";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { Switch } from "../../ui/Switch";
import { describeError, useLoader } from "../../ui/useLoader";
import { MCPServerForm } from "./MCPServerForm";
import { TerminalView } from "./TerminalView";
import { ToolsetsView } from "./ToolsetsView";
import { WebhooksView } from "./WebhooksView";

type Server = MCPServerList["items"][number];

const views = [["mcp", "MCP servers"], ["toolsets", "Toolsets"], ["terminal", "Terminal"], ["webhooks", "Webhooks"]] as const;

export function ToolsTab() {
  const requested = useSearchParams().get("view");
  const view = views.some(([key]) => key === requested) ? requested : "mcp";
  return (
    <div className="tools">
      <div className="config-head">
        <div className="segmented" role="tablist" aria-label="Tools views">
          {views.map(([key, label]) => (
            <button key={key} type="button" role="tab" aria-selected={view === key} className={view === key ? "segment active" : "segment"}
              onClick={() => navigate("/tools" + (key === "mcp" ? "" : `?view=${key}`))}>{label}</button>
          ))}
        </div>
      </div>
      {view === "mcp" && <MCPServersView />}
      {view === "toolsets" && <ToolsetsView />}
      {view === "terminal" && <TerminalView />}
      {view === "webhooks" && <WebhooksView />}
    </div>
  );
}

function MCPServersView() {
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);
  const servers = useLoader(() => api.mcpServers(), [generation]);
  const [editing, setEditing] = useState<Server | "new" | null>(null);
  const [removing, setRemoving] = useState<Server | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tests, setTests] = useState<{ [name: string]: MCPTestResult | "running" }>({});
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
  const test = (server: Server) => {
    setTests({ ...tests, [server.name]: "running" });
    api.testMCPServer(server.name).then((result) => setTests((all) => ({ ...all, [server.name]: result })),
      (caught) => { setTests((all) => { const { [server.name]: _, ...rest } = all; return rest; }); setError(describeError(caught)); });
  };
  return (
    <div className="tools-mcp">
      <div className="config-toolbar">
        {can("admin") && <button className="button" type="button" onClick={() => { setEditing("new"); setNotice(null); }}>New MCP server</button>}
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
                <Switch checked={server.enabled} label={`${server.name} enabled`} disabled={!can("admin")} onChange={() => toggle(server)} />
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
              <TestOutcome result={tests[server.name]} />
              {can("admin") && <footer className="cron-card-actions">
                <button className="button ghost small-button" type="button" disabled={tests[server.name] === "running"} onClick={() => test(server)}
                  title={server.transport === "stdio" ? "Starts the command, lists its tools, stops it" : "Calls the url and lists its tools"}>
                  {tests[server.name] === "running" ? "Testing…" : "Test"}</button>
                <button className="button ghost small-button" type="button" onClick={() => { setEditing(server); setNotice(null); }}>Edit</button>
                <button className="button danger-outline small-button" type="button" onClick={() => setRemoving(server)}>Remove</button>
              </footer>}
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

/// What a test call found: the server's tools, or why it did not answer (with its last stderr lines).
function TestOutcome({ result }: { result: MCPTestResult | "running" | undefined }) {
  if (!result || result === "running") return null;
  if (!result.ok) {
    return (
      <div className="alert alert-bad small" role="status" data-mcp-test="failed">
        <p>{result.problem || "The server did not answer."} <span className="muted">({result.milliseconds} ms)</span></p>
        {result.stderr.length > 0 && <pre className="mcp-stderr">{result.stderr.join("\n")}</pre>}
      </div>
    );
  }
  return (
    <div className="alert alert-good small" role="status" data-mcp-test="ok">
      <p>{result.serverName || "The server"}{result.serverVersion ? ` ${result.serverVersion}` : ""} answered in {result.milliseconds} ms with{" "}
        {result.tools.length} tool{result.tools.length === 1 ? "" : "s"}.</p>
      {result.tools.length > 0 && (
        <ul className="mcp-tools">{result.tools.map((tool) => <li key={tool.name}><code>{tool.name}</code> <span className="muted">{tool.description}</span></li>)}</ul>
      )}
    </div>
  );
}
