// Where the agent's shell commands run: terminal.backend and the settings of that backend, saved into config.yaml
// with comments kept. .env variables that override a setting are named, since the agent reads TERMINAL_* first.
import React, { useEffect, useState } from "react";
import { api, Json, TerminalSettings } from "../../api";
import { can } from "../../role";
import { useEvent } from "../../events";
import { describeError, useLoader } from "../../ui/useLoader";

type Setting = TerminalSettings["settings"][number];

export function TerminalView() {
  const [generation, setGeneration] = useState(0);
  const loaded = useLoader(() => api.terminal(), [generation]);
  const [backend, setBackend] = useState("local");
  const [values, setValues] = useState<{ [key: string]: string | boolean }>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEvent("config.changed", () => setGeneration((value) => value + 1), []);
  const terminal = loaded.data;
  useEffect(() => {
    if (!terminal) return;
    setBackend(terminal.backend);
    setValues(Object.fromEntries(terminal.settings.map((setting) => [setting.key, setting.type === "boolean" ? setting.value === true : String(setting.value ?? "")])));
  }, [terminal?.etag]);
  if (loaded.error && !terminal) return <div className="alert alert-bad" role="alert">{loaded.error}</div>;
  if (!terminal) return <p className="loading">Loading the terminal backend…</p>;
  const shown = terminal.settings.filter((setting) => setting.backends.length === 0 || setting.backends.includes(backend));
  const changed = (setting: Setting) => {
    const value = values[setting.key];
    return setting.type === "boolean" ? value !== (setting.value === true) : value !== String(setting.value ?? "");
  };
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const settings: { [key: string]: Json } = {};
    for (const setting of shown.filter(changed)) {
      const value = values[setting.key];
      if (typeof value === "boolean") settings[setting.key] = value;
      else if (setting.type === "integer" || setting.type === "number") {
        const number = Number(value);
        if (value.trim() === "" || Number.isNaN(number)) { setError(`${setting.key} must be a number.`); return; }
        settings[setting.key] = number;
      } else settings[setting.key] = value;
    }
    const change = { ...(backend !== terminal.backend ? { backend } : {}), ...(Object.keys(settings).length ? { settings } : {}) };
    if (!Object.keys(change).length) { setNotice("Nothing changed."); return; }
    api.setTerminal(change, terminal.etag).then(() => { setNotice("Saved to config.yaml; new sessions use it."); setGeneration((value) => value + 1); },
      (caught) => setError(describeError(caught)));
  };
  return (
    <form className="terminal-form card" onSubmit={save} aria-label="Terminal backend">
      <label className="field">
        <span>Backend</span>
        <select className="input" value={backend} onChange={(event) => setBackend(event.target.value)}>
          {terminal.backends.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
        <span className="muted small">{backend === "local" ? "Commands run on this machine, as the agent's user." : backend === "ssh" ? "Commands run on another host over SSH." : `Commands run in a ${backend} container or sandbox.`}</span>
      </label>
      {shown.map((setting) => (
        <label key={setting.key} className={setting.type === "boolean" ? "field field-check" : "field"}>
          <span><code>terminal.{setting.key}</code>{!setting.set && <span className="muted small"> (default)</span>}</span>
          {setting.type === "boolean"
            ? <input type="checkbox" checked={values[setting.key] === true} onChange={(event) => setValues({ ...values, [setting.key]: event.target.checked })} />
            : <input className="input" type={setting.type === "string" ? "text" : "number"} value={String(values[setting.key] ?? "")} spellCheck={false}
                onChange={(event) => setValues({ ...values, [setting.key]: event.target.value })} />}
          <span className="muted small">{setting.help}</span>
        </label>
      ))}
      {terminal.overriddenBy.length > 0 && (
        <p className="alert alert-warn small">Set in .env, and read by the agent before config.yaml: {terminal.overriddenBy.map((name) => <code key={name}>{name} </code>)}</p>
      )}
      {notice && <div className="alert alert-good" role="status">{notice}</div>}
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {can("admin") ? <div className="form-actions"><button className="button" type="submit">Save</button></div>
        : <p className="muted small">Only admins change where commands run.</p>}
    </form>
  );
}
