// API Keys: every variable in .env and every one the agent knows, grouped by category, masked until revealed.
import React, { useMemo, useState } from "react";
import { api, KeyEntry } from "../../api";
import { useEvent } from "../../events";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { describeError, useLoader } from "../../ui/useLoader";
import { KeyRow } from "./KeyRow";
import { NewKeyForm } from "./NewKeyForm";

const categories: [string, string][] = [
  ["provider", "Model providers"], ["tool", "Tools"], ["messaging", "Messaging platforms"], ["skill", "Skills"],
  ["setting", "Settings"], ["custom", "Your own variables"],
];

export function KeysTab() {
  const [generation, setGeneration] = useState(0);
  const keys = useLoader(() => api.keys(), [generation]);
  const [search, setSearch] = useState("");
  const [show, setShow] = useState<"set" | "all" | "needed">("set");
  const [advanced, setAdvanced] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<KeyEntry | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const changed = (message: string) => { setNotice(message); setGeneration((value) => value + 1); };
  useEvent("env.changed", () => setGeneration((value) => value + 1), []);
  useEvent("reset", () => setGeneration((value) => value + 1), []);
  const items = keys.data?.items || [];
  const needed = items.filter((entry) => !entry.isSet && entry.neededBy.length > 0);
  const visible = useMemo(() => items.filter((entry) => {
    const text = search.trim().toLowerCase();
    if (text) return (entry.name + " " + entry.description + " " + entry.tools.join(" ")).toLowerCase().includes(text);
    if (show === "set") return entry.isSet;
    if (show === "needed") return !entry.isSet && (entry.neededBy.length > 0);
    return advanced || !entry.advanced || entry.isSet;
  }), [items, search, show, advanced]);

  const remove = () => {
    if (!deleting) return;
    setBusy(true);
    api.deleteKey(deleting.name).then(() => { changed(`${deleting.name} deleted from .env.`); setDeleting(null); },
      (caught) => { setError(describeError(caught)); setDeleting(null); }).finally(() => setBusy(false));
  };

  if (keys.error && !keys.data) return <div className="alert alert-bad" role="alert">{keys.error}</div>;
  if (!keys.data) return <p className="loading">Loading keys…</p>;
  const readOnly = keys.data.readOnly;
  return (
    <div className="keys">
      <div className="config-toolbar">
        <input className="input" type="search" placeholder="Search names, descriptions, tools…" aria-label="Search keys" value={search}
          onChange={(event) => setSearch(event.target.value)} />
        <select className="select" aria-label="Which keys" value={show} onChange={(event) => setShow(event.target.value as typeof show)}>
          <option value="set">Set in .env ({items.filter((entry) => entry.isSet).length})</option>
          <option value="needed">Needed but not set ({needed.length})</option>
          <option value="all">All known ({items.length})</option>
        </select>
        {show === "all" && !search && <label className="small"><input type="checkbox" checked={advanced} onChange={(event) => setAdvanced(event.target.checked)} /> advanced</label>}
      </div>
      {readOnly && <div className="alert alert-warn">This Hermes home is managed (HERMES_MANAGED or a .managed file): .env is read-only here.</div>}
      {needed.length > 0 && show !== "needed" && (
        <div className="alert alert-warn">{needed.length} variable{needed.length === 1 ? " a skill needs is" : "s skills need are"} not set:{" "}
          {needed.map((entry) => entry.name).join(", ")}.</div>
      )}
      {notice && <div className="alert alert-good" role="status">{notice}</div>}
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {!readOnly && <NewKeyForm onSaved={changed} />}
      {categories.map(([category, title]) => {
        const group = visible.filter((entry) => entry.category === category);
        if (!group.length) return null;
        return (
          <section key={category} className="card key-group" aria-label={title}>
            <div className="card-head"><h2>{title}</h2><span className="muted small">{group.length}</span></div>
            <ul className="key-list">
              {group.map((entry) => <KeyRow key={entry.name} entry={entry} readOnly={readOnly} onChanged={changed} onDelete={setDeleting} />)}
            </ul>
          </section>
        );
      })}
      {visible.length === 0 && <p className="muted">No keys match.</p>}
      {deleting && (
        <ConfirmDialog title={`Delete ${deleting.name}?`} confirmLabel="Delete" busy={busy} onConfirm={remove} onCancel={() => setDeleting(null)}>
          <p>Every line defining {deleting.name} is removed from .env; comments and other keys stay. The agent reads it on its next start.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
