// Toolsets per platform: which tools the agent may use in the CLI, on Telegram, Discord… as the agent itself resolves
// platform_toolsets (defaults, agent.disabled_toolsets, platform-only toolsets). A switch saves what `hermes tools`
// would save, with comments and the rest of config.yaml kept.
import React, { useState } from "react";
import { api, ToolsetOverview } from "../../api";
import { can } from "../../role";
import { useEvent } from "../../events";
import { Switch } from "../../ui/Switch";
import { describeError, useLoader } from "../../ui/useLoader";

export function ToolsetsView() {
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);
  const loaded = useLoader(() => api.toolsets(), [generation]);
  const [override, setOverride] = useState<ToolsetOverview | null>(null);
  const [platform, setPlatform] = useState("cli");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEvent("config.changed", () => { setOverride(null); reload(); }, []);
  const overview = override && loaded.data && override.etag !== loaded.data.etag && !loaded.loading ? override : loaded.data;
  if (loaded.error && !overview) return <div className="alert alert-bad" role="alert">{loaded.error}</div>;
  if (!overview) return <p className="loading">Asking the agent which toolsets are on…</p>;
  const current = overview.platforms.find((entry) => entry.name === platform) || overview.platforms[0];
  if (!current) return <p className="card muted">The agent reported no platforms.</p>;
  const flip = (toolset: string, enabled: boolean) => {
    setBusy(toolset);
    setError(null);
    api.setToolset(current.name, toolset, enabled, overview.etag).then((next) => { setOverride(next); setBusy(null); reload(); },
      (caught) => { setError(describeError(caught)); setBusy(null); reload(); });
  };
  return (
    <div className="toolsets">
      <div className="config-toolbar">
        <label className="field-inline">Platform{" "}
          <select className="input" value={current.name} onChange={(event) => setPlatform(event.target.value)} aria-label="Platform">
            {overview.platforms.map((entry) => <option key={entry.name} value={entry.name}>{entry.label || entry.name}</option>)}
          </select>
        </label>
        <span className="muted small">
          {current.explicit ? <>platform_toolsets.{current.name} in config.yaml</> : <>no list in config.yaml: the default <code>{current.defaultToolset}</code> (every tool)</>}
        </span>
      </div>
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {overview.warnings.map((warning) => <div key={warning} className="alert alert-warn" role="status">{warning}</div>)}
      {overview.disabledEverywhere.length > 0 && (
        <p className="muted small">Off on every platform (agent.disabled_toolsets): {overview.disabledEverywhere.map((name) => <code key={name}>{name} </code>)}</p>
      )}
      <ul className="toolset-list" aria-label={`Toolsets on ${current.label || current.name}`}>
        {overview.toolsets.map((toolset) => {
          const unavailable = current.unavailable.includes(toolset.name);
          const on = current.enabled.includes(toolset.name);
          return (
            <li key={toolset.name} className="toolset-row" data-toolset={toolset.name}>
              <div className="toolset-text">
                <strong>{toolset.label.replace(/^\W+\s*/u, "") || toolset.name}</strong> <code className="muted">{toolset.name}</code>
                <span className="muted small toolset-description">{toolset.description}</span>
                {!toolset.configured && on && <span className="badge badge-warn">keys not set</span>}
                {unavailable && <span className="badge badge-neutral">not for {current.name}</span>}
              </div>
              <Switch checked={on} label={`${toolset.name} on ${current.name}`} disabled={unavailable || busy !== null || !can("admin")}
                onChange={(next) => flip(toolset.name, next)} />
            </li>
          );
        })}
      </ul>
      {current.kept.length > 0 && <p className="muted small">Also in the list and kept: {current.kept.map((name) => <code key={name}>{name} </code>)}</p>}
      <p className="muted small">The agent reads toolsets when a session starts; running sessions keep theirs.</p>
    </div>
  );
}
