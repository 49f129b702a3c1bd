// One memory file as the agent sees it: its entries in order with a meter against its limit, each editable, movable
// and removable in place, and a box to add one. Every change is one write of the whole list with the file's ETag,
// so an edit the agent made meanwhile is never overwritten (the page reloads the file and says so).
import React, { useState } from "react";
import { api, ApiError, MemoryDocument, MemoryTarget } from "../../api";
import { Meter } from "../../ui/Meter";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { describeError } from "../../ui/useLoader";

/// Code points of the entries joined by the `§` line: what the agent counts against the limit.
export function memorySize(entries: string[]): number {
  const kept = entries.map((entry) => entry.trim()).filter((entry) => entry);
  return kept.length ? [...kept.join("\n§\n")].length : 0;
}

const titles: Record<MemoryTarget, [string, string]> = {
  memory: ["Agent notes", "What the agent has noted for itself: environment facts, project conventions, lessons learned."],
  user: ["User profile", "What the agent knows about you: preferences, how you like answers, your context."],
};

export function MemoryFileCard({ document, enabled, readOnly, onSaved, onStale }: {
  document: MemoryDocument; enabled: boolean; readOnly: boolean; onSaved: (message: string) => void; onStale: () => void;
}) {
  const target = document.target as MemoryTarget;
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState("");
  const [adding, setAdding] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const entries = document.entries;
  const projected = editing !== null ? entries.map((entry, index) => index === editing ? draft : entry) : adding.trim() ? [...entries, adding] : entries;
  const used = memorySize(projected);
  const over = used > document.limit;

  const fail = (caught: unknown) => {
    if (caught instanceof ApiError && caught.status === 409 && caught.body.code === "conflict") {
      setError(`${document.file} changed since this page loaded (the agent may have written to it); it has been reloaded.`);
      onStale();
    } else setError(describeError(caught));
  };
  const save = (next: string[], message: string) => {
    setBusy(true); setError(null);
    api.replaceMemory(target, next, document.etag).then(() => { setEditing(null); onSaved(message); }, fail).finally(() => setBusy(false));
  };
  const move = (index: number, by: number) => {
    const next = entries.slice();
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved);
    save(next, `Entry moved in ${document.file}.`);
  };
  const add = (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true); setError(null);
    api.addMemoryEntry(target, adding).then(() => { setAdding(""); onSaved(`Entry added to ${document.file}.`); }, fail).finally(() => setBusy(false));
  };

  return (
    <section className="card memory-file" aria-label={titles[target][0]} data-memory={target}>
      <div className="card-head">
        <h2>{titles[target][0]} <code className="muted small">{document.file}</code></h2>
        {!enabled && <span className="badge badge-warn">not used by the agent</span>}
      </div>
      <p className="muted small">{titles[target][1]}</p>
      <div className="usage">
        <div className="usage-label"><span>{used.toLocaleString()} of {document.limit.toLocaleString()} characters</span>
          <span>{Math.round((used / Math.max(1, document.limit)) * 100)}%</span></div>
        <Meter percent={(used / Math.max(1, document.limit)) * 100} label={`${document.file} characters used`} />
        {over && <p className="field-error small" role="alert">Over the limit by {(used - document.limit).toLocaleString()} characters: the agent would refuse this.</p>}
      </div>
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {entries.length === 0 ? <p className="muted">No entries yet.</p> : (
        <ol className="memory-entries">
          {entries.map((entry, index) => (
            <li key={index + ":" + entry} className="memory-entry">
              {editing === index ? (
                <div className="memory-edit">
                  <label className="visually-hidden" htmlFor={`memory-${target}-${index}`}>Entry {index + 1}</label>
                  <textarea id={`memory-${target}-${index}`} className="input" rows={Math.min(10, Math.max(3, draft.split("\n").length + 1))} value={draft}
                    onChange={(event) => setDraft(event.target.value)} autoFocus />
                  <div className="form-actions">
                    <button type="button" className="button small-button" disabled={busy || over || !draft.trim()}
                      onClick={() => save(entries.map((old, at) => at === index ? draft : old), `Entry ${index + 1} of ${document.file} saved.`)}>Save</button>
                    <button type="button" className="button ghost small-button" onClick={() => setEditing(null)}>Cancel</button>
                  </div>
                </div>
              ) : (
                <>
                  <div className="memory-text">{entry}</div>
                  {!readOnly && (
                    <div className="memory-actions">
                      <button type="button" className="button ghost small-button" aria-label={`Move entry ${index + 1} up`} disabled={busy || index === 0}
                        onClick={() => move(index, -1)}>↑</button>
                      <button type="button" className="button ghost small-button" aria-label={`Move entry ${index + 1} down`}
                        disabled={busy || index === entries.length - 1} onClick={() => move(index, 1)}>↓</button>
                      <button type="button" className="button ghost small-button" disabled={busy} onClick={() => { setEditing(index); setDraft(entry); }}>Edit</button>
                      <button type="button" className="button danger-outline small-button" disabled={busy}
                        onClick={() => setDeleting(index)}>Delete</button>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {!readOnly && (
        <form className="memory-add" onSubmit={add}>
          <label className="small muted" htmlFor={`memory-${target}-new`}>New entry (may span lines; a line holding only § would split it)</label>
          <textarea id={`memory-${target}-new`} className="input" rows={3} value={adding} onChange={(event) => setAdding(event.target.value)} />
          <button type="submit" className="button" disabled={busy || !adding.trim() || over || editing !== null}>Add entry</button>
        </form>
      )}
      {deleting !== null && (
        <ConfirmDialog title={`Delete entry ${deleting + 1}?`} confirmLabel="Delete" busy={busy} onCancel={() => setDeleting(null)}
          onConfirm={() => { const index = deleting; setDeleting(null); save(entries.filter((_, at) => at !== index), `Entry ${index + 1} removed from ${document.file}.`); }}>
          <p>“{entries[deleting].slice(0, 200)}{entries[deleting].length > 200 ? "…" : ""}” leaves {document.file}. The text before this change is kept in the workspace's history of the file.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
