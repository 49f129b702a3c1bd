// Add or edit an MCP server: a command with its arguments (stdio) or a URL (HTTP, optionally SSE), timeouts, and
// env or header entries. A value typed as text is a secret the server stores in .env (config.yaml gets a ${VAR}
// reference); an entry left as its ${VAR} reference is kept as it is.
import React, { useState } from "react";
import { api, ApiError, MCPDraft, MCPServerList } from "../../api";
import { describeError } from "../../ui/useLoader";

type Server = MCPServerList["items"][number];
interface Row { name: string; value: string }

export function MCPServerForm({ server, etag, onSaved, onCancel, onStale }: {
  server: Server | null; etag: string; onSaved: (name: string) => void; onCancel: () => void; onStale: () => void;
}) {
  const [name, setName] = useState(server?.name || "");
  const [kind, setKind] = useState<"stdio" | "http">(server && server.transport !== "stdio" ? "http" : "stdio");
  const [command, setCommand] = useState(server?.command || "");
  const [args, setArgs] = useState((server?.args || []).join("\n"));
  const [url, setURL] = useState(server?.url || "");
  const [sse, setSSE] = useState(server?.transport === "sse");
  const [timeout, setTimeoutValue] = useState(server?.timeout ? String(server.timeout) : "");
  const initialRows = (kind === "stdio" ? server?.env : server?.headers) || [];
  const [rows, setRows] = useState<Row[]>(initialRows.map((row) => ({ name: row.name, value: row.reference || "" })));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const setRow = (index: number, key: keyof Row, value: string) => setRows(rows.map((row, at) => at === index ? { ...row, [key]: value } : row));

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    const entries = Object.fromEntries(rows.filter((row) => row.name.trim()).map((row) => [row.name.trim(), row.value]));
    const draft: MCPDraft = kind === "stdio"
      ? { command, args: args.split("\n").map((line) => line.trim()).filter((line) => line), env: entries }
      : { url, transport: sse ? "sse" : null, headers: entries };
    draft.enabled = server ? server.enabled : true;
    if (timeout.trim()) draft.timeout = Number(timeout);
    setBusy(true); setError(null);
    api.saveMCPServer(name.trim(), draft, etag).then(() => onSaved(name.trim()), (caught) => {
      if (caught instanceof ApiError && caught.status === 409) { setError("config.yaml changed since this page loaded; it has been reloaded — save again."); onStale(); }
      else setError(describeError(caught));
    }).finally(() => setBusy(false));
  };
  const label = kind === "stdio" ? "Environment" : "Headers";
  return (
    <form className="card mcp-form" onSubmit={save} aria-label={server ? `Edit ${server.name}` : "New MCP server"}>
      <div className="card-head"><h2>{server ? `Edit ${server.name}` : "New MCP server"}</h2></div>
      <div className="mcp-form-grid">
        <label className="field">Name<input id="mcp-name" className="input" value={name} disabled={!!server} onChange={(event) => setName(event.target.value)}
          placeholder="github" pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}" required /></label>
        <div className="field" role="radiogroup" aria-label="Transport">Transport
          <div className="segmented">
            <button type="button" className={kind === "stdio" ? "segment active" : "segment"} aria-pressed={kind === "stdio"} onClick={() => setKind("stdio")}>Command (stdio)</button>
            <button type="button" className={kind === "http" ? "segment active" : "segment"} aria-pressed={kind === "http"} onClick={() => setKind("http")}>URL (HTTP)</button>
          </div>
        </div>
        {kind === "stdio" ? (
          <>
            <label className="field">Command<input id="mcp-command" className="input" value={command} onChange={(event) => setCommand(event.target.value)} placeholder="npx" required /></label>
            <label className="field">Arguments, one per line<textarea id="mcp-args" className="input" rows={3} value={args} onChange={(event) => setArgs(event.target.value)}
              placeholder={"-y\n@modelcontextprotocol/server-github"} /></label>
          </>
        ) : (
          <>
            <label className="field">URL<input id="mcp-url" className="input" type="url" value={url} onChange={(event) => setURL(event.target.value)} placeholder="https://mcp.example.org/mcp" required /></label>
            <label className="field switch-label"><input type="checkbox" checked={sse} onChange={(event) => setSSE(event.target.checked)} /> Server-sent events (transport: sse)</label>
          </>
        )}
        <label className="field">Tool-call timeout (s)<input id="mcp-timeout" className="input" inputMode="numeric" value={timeout} onChange={(event) => setTimeoutValue(event.target.value)} placeholder="300" /></label>
      </div>
      <fieldset className="mcp-rows">
        <legend>{label}</legend>
        <p className="muted small">A value typed here is stored in .env and config.yaml gets a <code>${"{VAR}"}</code> reference; a <code>${"{VAR}"}</code> you write is kept.</p>
        {rows.map((row, index) => (
          <div className="mcp-row" key={index}>
            <input className="input" aria-label={`${label} name ${index + 1}`} value={row.name} onChange={(event) => setRow(index, "name", event.target.value)}
              placeholder={kind === "stdio" ? "GITHUB_PERSONAL_ACCESS_TOKEN" : "Authorization"} />
            <input className="input" aria-label={`${label} value ${index + 1}`} type={row.value.startsWith("${") ? "text" : "password"} autoComplete="off"
              value={row.value} onChange={(event) => setRow(index, "value", event.target.value)} placeholder="secret, or ${VAR}" />
            <button type="button" className="button ghost small-button" onClick={() => setRows(rows.filter((_, at) => at !== index))}>Remove</button>
          </div>
        ))}
        <button type="button" className="button ghost small-button" onClick={() => setRows([...rows, { name: "", value: "" }])}>Add {kind === "stdio" ? "variable" : "header"}</button>
      </fieldset>
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>{server ? "Save" : "Add server"}</button>
        <button type="button" className="button ghost" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
