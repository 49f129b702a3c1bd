// Session housekeeping the reference dashboard has, each previewed before it runs: delete the conversations with
// no messages, prune conversations older than N days, import the agent's own session export. Deletes go through
// the workspace's one writer (live sessions refused, audited); imports through the agent's own import code.
import React, { useState } from "react";
import { api, DeletionPreview, SessionImportReport } from "../../api";
import { describeError } from "../../ui/useLoader";

type Plan =
  | { kind: "delete"; label: string; filter: { empty?: boolean; olderThanDays?: number }; preview: DeletionPreview }
  | { kind: "import"; file: File; body: string; preview: SessionImportReport };

export function Housekeeping({ onChanged, onClose }: { onChanged: () => void; onClose: () => void }) {
  const [days, setDays] = useState("90");
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (caught: unknown) => { setBusy(false); setError(describeError(caught)); };

  const previewDelete = (label: string, filter: { empty?: boolean; olderThanDays?: number }) => {
    setBusy(true); setError(null); setNotice(null);
    api.previewSessionDelete(filter).then((preview) => { setBusy(false); setPlan({ kind: "delete", label, filter, preview }); }, fail);
  };
  const previewImport = (file: File) => {
    setBusy(true); setError(null); setNotice(null);
    file.text().then((body) => api.importSessions(body, true).then((preview) => { setBusy(false); setPlan({ kind: "import", file, body, preview }); }), fail);
  };
  const run = () => {
    if (!plan) return;
    setBusy(true);
    if (plan.kind === "delete") {
      api.deleteSessionsMatching(plan.filter).then((report) => {
        setBusy(false); setPlan(null); onChanged();
        setNotice(`Deleted ${report.deleted.length} conversation${report.deleted.length === 1 ? "" : "s"} (${report.removedMessages} messages).`);
      }, fail);
    } else {
      api.importSessions(plan.body, false).then((report) => {
        setBusy(false); setPlan(null); onChanged();
        setNotice(report.ok ? `Imported ${report.imported} session${report.imported === 1 ? "" : "s"}; ${report.skipped} already there.` : "Nothing was imported.");
      }, fail);
    }
  };
  const days_ = Number(days);
  return (
    <section className="card housekeeping" aria-label="Housekeeping">
      <header className="housekeeping-head">
        <strong>Housekeeping</strong>
        <button type="button" className="button ghost small-button" onClick={onClose}>Close</button>
      </header>
      <div className="housekeeping-actions">
        <button type="button" className="button ghost" disabled={busy} onClick={() => previewDelete("empty conversations", { empty: true })}>Delete empty…</button>
        <span className="housekeeping-prune">
          <label htmlFor="prune-days">Older than</label>
          <input id="prune-days" className="input" type="number" min={1} max={36500} value={days} onChange={(event) => setDays(event.target.value)} />
          <span>days</span>
          <button type="button" className="button ghost" disabled={busy || !(days_ >= 1)}
            onClick={() => previewDelete(`conversations started more than ${days_} days ago`, { olderThanDays: days_ })}>Prune…</button>
        </span>
        <label className="button ghost housekeeping-import">Import export…
          <input type="file" accept=".json,.jsonl,application/json" className="visually-hidden" disabled={busy}
            onChange={(event) => { const file = event.target.files?.[0]; event.target.value = ""; if (file) previewImport(file); }} />
        </label>
      </div>
      {busy && <p className="muted small">Working…</p>}
      {notice && <div className="alert alert-good" role="status">{notice}</div>}
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {plan?.kind === "delete" && (
        <div className="housekeeping-plan" data-plan="delete">
          <p><strong>{plan.preview.matched}</strong> {plan.label}{plan.preview.active > 0 ? `; ${plan.preview.active} still open (kept)` : ""}.</p>
          {plan.preview.sample.length > 0 && (
            <ul className="muted small">{plan.preview.sample.slice(0, 5).map((item) => <li key={item.id}>{item.title || item.preview || item.id}</li>)}
              {plan.preview.truncated && <li>…</li>}</ul>
          )}
          <div className="form-actions">
            <button type="button" className="button danger" disabled={busy || plan.preview.matched === 0} onClick={run}>Delete {plan.preview.matched}</button>
            <button type="button" className="button ghost" onClick={() => setPlan(null)}>Cancel</button>
          </div>
        </div>
      )}
      {plan?.kind === "import" && (
        <div className="housekeeping-plan" data-plan="import">
          <p><code>{plan.file.name}</code>: {plan.preview.sessions} sessions, {plan.preview.messages} messages.{" "}
            {plan.preview.ok ? <>Would import <strong>{plan.preview.imported}</strong>, skip {plan.preview.skipped} already there
              {plan.preview.detached ? `, detach ${plan.preview.detached} from a missing parent` : ""}.</> : <>The agent refuses it:</>}</p>
          {plan.preview.errors.length > 0 && <ul className="alert alert-bad small">{plan.preview.errors.slice(0, 8).map((problem) => (
            <li key={problem.index}>#{problem.index + 1}{problem.sessionID ? ` ${problem.sessionID}` : ""}: {problem.error}</li>))}</ul>}
          <div className="form-actions">
            <button type="button" className="button" disabled={busy || !plan.preview.ok || plan.preview.imported === 0} onClick={run}>Import {plan.preview.imported}</button>
            <button type="button" className="button ghost" onClick={() => setPlan(null)}>Cancel</button>
          </div>
        </div>
      )}
    </section>
  );
}
