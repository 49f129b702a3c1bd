// The server's diff of a pending config change, with "back" and "save" — shared by the form and the raw editor.
import React from "react";
import { ConfigChange } from "../../api";
import { DiffView } from "../../ui/DiffView";

export function ReviewPanel({ title, review, note, busy, onBack, onSave }: {
  title: string; review: ConfigChange; note?: string; busy: boolean; onBack: () => void; onSave: () => void;
}) {
  return (
    <div className="card review" role="region" aria-label="Review changes">
      <div className="card-head"><h2>{title}</h2><span className="muted small">{review.changedPaths.join(", ") || "formatting only"}</span></div>
      {note && <p className="muted small">{note}</p>}
      <DiffView diff={review.diff} label="Pending changes" />
      <div className="dialog-actions">
        <button type="button" className="button ghost" onClick={onBack} disabled={busy}>Back to editing</button>
        <button type="button" className="button" onClick={onSave} disabled={busy}>{busy ? "Saving…" : "Save to config.yaml"}</button>
      </div>
    </div>
  );
}
