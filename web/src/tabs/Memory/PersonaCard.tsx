// The persona, SOUL.md: the agent's character and instructions, read at each session start. Edited as text,
// reviewed as the server's diff before it is saved with the file's ETag, and every earlier version kept with what
// changed.
import React, { useEffect, useState } from "react";
import { api, ApiError, Persona } from "../../api";
import { useProfile } from "../../profile";
import { DiffView } from "../../ui/DiffView";
import { When } from "../../ui/When";
import { describeError, useLoader } from "../../ui/useLoader";

export function PersonaCard({ generation, onSaved }: { generation: number; onSaved: (message: string) => void }) {
  const profile = useProfile();
  const persona = useLoader(() => api.persona(profile), [profile, generation]);
  const history = useLoader(() => api.personaHistory(profile), [profile, generation]);
  const [draft, setDraft] = useState<string | null>(null);
  const [review, setReview] = useState<Persona | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setDraft(null); setReview(null); }, [persona.data?.etag]);
  if (persona.error && !persona.data) return <section className="card"><div className="alert alert-bad" role="alert">{persona.error}</div></section>;
  if (!persona.data) return <section className="card"><p className="loading">Loading SOUL.md…</p></section>;
  const current = persona.data;
  const text = draft ?? current.text;
  const startReview = () => {
    setBusy(true); setError(null);
    api.previewPersona(profile, text).then(setReview, (caught) => setError(describeError(caught))).finally(() => setBusy(false));
  };
  const save = () => {
    setBusy(true); setError(null);
    api.savePersona(profile, text, current.etag).then(() => { setReview(null); setDraft(null); onSaved("SOUL.md saved; the agent reads it at its next session."); },
      (caught) => {
        setReview(null);
        setError(caught instanceof ApiError && caught.status === 409 ? "SOUL.md changed since this page loaded; reload it (your text is still here) and review again." : describeError(caught));
      }).finally(() => setBusy(false));
  };
  return (
    <section className="card persona" aria-label="Persona">
      <div className="card-head">
        <h2>Persona <code className="muted small">SOUL.md</code></h2>
        <span className="muted small">{current.exists ? `${[...current.text].length.toLocaleString()} characters` : "not created yet"}</span>
      </div>
      <p className="muted small">The agent's character and standing instructions, read when a session starts.</p>
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {review ? (
        <div className="review">
          <h3>Changes to SOUL.md</h3>
          <DiffView diff={review.diff || ""} label="Changes to SOUL.md" />
          <div className="form-actions">
            <button type="button" className="button" disabled={busy || !review.diff} onClick={save}>Save SOUL.md</button>
            <button type="button" className="button ghost" onClick={() => setReview(null)}>Back to editing</button>
          </div>
        </div>
      ) : (
        <>
          <label className="visually-hidden" htmlFor="persona-text">SOUL.md</label>
          <textarea id="persona-text" className="input persona-text" rows={14} value={text} spellCheck={false} onChange={(event) => setDraft(event.target.value)} />
          <div className="form-actions">
            <button type="button" className="button" disabled={busy || draft === null || draft === current.text} onClick={startReview}>Review changes…</button>
            <button type="button" className="button ghost" disabled={draft === null} onClick={() => setDraft(null)}>Discard</button>
          </div>
        </>
      )}
      {(history.data?.items || []).length > 0 && (
        <details className="persona-history">
          <summary>History · {history.data!.items.length} earlier version{history.data!.items.length === 1 ? "" : "s"}</summary>
          <ol className="history">
            {history.data!.items.map((version) => (
              <li key={version.id}>
                <details>
                  <summary>
                    <span className="history-what">{version.change?.summary.join("; ") || `${version.size} bytes`}</span>
                    <span className="muted small"> · {version.change?.source || "workspace"}{version.change?.actor ? ` · ${version.change.actor}` : ""} · <When iso={version.savedAt} relative /></span>
                  </summary>
                  <DiffView diff={version.diff} label={`Changes after ${version.id}`} />
                </details>
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
