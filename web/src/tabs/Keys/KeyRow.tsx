// One variable: what it is for, whether it is set (masked), and set / replace / reveal / copy / delete.
import React, { useEffect, useState } from "react";
import { api, KeyEntry } from "../../api";
import { can } from "../../role";
import { describeError } from "../../ui/useLoader";

const revealSeconds = 30;

export function KeyRow({ entry, readOnly, onChanged, onDelete }: {
  entry: KeyEntry; readOnly: boolean; onChanged: (message: string) => void; onDelete: (entry: KeyEntry) => void;
}) {
  const [revealed, setRevealed] = useState<{ value: string; until: number } | null>(null);
  const [now, setNow] = useState(Date.now());
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!revealed) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= revealed.until) setRevealed(null);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [revealed]);

  // Revealing, setting and deleting keys is an admin's; other roles see names and masks only.
  const admin = can("admin");
  const reveal = () => {
    setError(null);
    api.revealKey(entry.name).then((answer) => { setRevealed({ value: answer.value, until: Date.now() + revealSeconds * 1000 }); setNow(Date.now()); },
      (caught) => setError(describeError(caught)));
  };
  const copy = () => {
    const write = (value: string) => navigator.clipboard.writeText(value).then(() => onChanged(`${entry.name} copied to the clipboard.`),
      () => setError("The browser did not allow copying."));
    if (revealed) write(revealed.value);
    else if (!entry.isSecret && entry.value !== undefined) write(entry.value);
    else api.revealKey(entry.name).then((answer) => write(answer.value), (caught) => setError(describeError(caught)));
  };
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    if (/[\r\n\0]/.test(draft)) { setError("The value may not contain line breaks."); return; }
    setBusy(true);
    api.setKey(entry.name, draft).then((answer) => {
      setEditing(false); setDraft(""); setRevealed(null); setError(null);
      onChanged(`${entry.name} ${answer.created ? "added" : "replaced"}.`);
    }, (caught) => setError(describeError(caught))).finally(() => setBusy(false));
  };

  const shownValue = revealed ? revealed.value : entry.isSecret ? entry.masked : entry.value;
  const missingFor = !entry.isSet && entry.neededBy.length > 0;
  return (
    <li className={`key-row${missingFor ? " key-needed" : ""}`}>
      <div className="key-main">
        <div className="key-title">
          <code className="key-name">{entry.name}</code>
          {entry.isSet ? <span className="badge badge-good">set</span> : <span className="badge badge-neutral">not set</span>}
          {entry.isSecret && <span className="badge badge-neutral">secret</span>}
          {entry.exported && <span className="badge badge-neutral">export</span>}
          {missingFor && <span className="badge badge-warn" title="A skill asks for this variable">needed by {entry.neededBy.join(", ")}</span>}
          {entry.isSet && entry.neededBy.length > 0 && <span className="badge badge-good">used by {entry.neededBy.join(", ")}</span>}
          {entry.tools.length > 0 && <span className={`badge ${entry.isSet ? "badge-neutral" : "badge-warn"}`}>unlocks {entry.tools.join(", ")}</span>}
        </div>
        {entry.description && <p className="muted small key-description">{entry.description}
          {entry.url && <> · <a href={entry.url} target="_blank" rel="noreferrer noopener">get one</a></>}</p>}
        {entry.isSet && (
          <div className="key-value">
            <code aria-label={`${entry.name} value`}>{shownValue}</code>
            {revealed && <span className="muted small">hides in {Math.max(0, Math.ceil((revealed.until - now) / 1000))} s</span>}
          </div>
        )}
        {editing && (
          <form className="key-form" onSubmit={save}>
            <label className="visually-hidden" htmlFor={`value-${entry.name}`}>New value for {entry.name}</label>
            <input id={`value-${entry.name}`} className="input" type={entry.isSecret ? "password" : "text"} autoComplete="off" autoFocus
              placeholder={entry.isSet ? "New value (replaces the current one)" : "Value"} value={draft} onChange={(event) => setDraft(event.target.value)} />
            <button type="submit" className="button" disabled={busy}>{busy ? "Saving…" : "Save"}</button>
            <button type="button" className="button ghost" onClick={() => { setEditing(false); setDraft(""); }}>Cancel</button>
          </form>
        )}
        {error && <p className="field-error" role="alert">{error}</p>}
      </div>
      <div className="key-actions">
        {admin && entry.isSet && entry.isSecret && (revealed
          ? <button type="button" className="button ghost" onClick={() => setRevealed(null)}>Hide</button>
          : <button type="button" className="button ghost" onClick={reveal}>Reveal</button>)}
        {entry.isSet && (admin || !entry.isSecret) && <button type="button" className="button ghost" onClick={copy}>Copy</button>}
        {admin && !readOnly && !editing && <button type="button" className="button ghost" onClick={() => setEditing(true)}>{entry.isSet ? "Replace" : "Set"}</button>}
        {admin && !readOnly && entry.isSet && <button type="button" className="button danger-outline" onClick={() => onDelete(entry)}>Delete</button>}
      </div>
    </li>
  );
}
