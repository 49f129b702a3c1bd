// Earlier versions of config.yaml (the last 20 writes), each with what changed after it, and a restore button.
import { When } from "../../ui/When";
import React, { useState } from "react";
import { api, ConfigChange } from "../../api";

import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { DiffView } from "../../ui/DiffView";
import { describeError, useLoader } from "../../ui/useLoader";

export function HistoryList({ etag, readOnly, onRestored, reloadKey }: {
  etag: string; readOnly: boolean; onRestored: (change: ConfigChange) => void; reloadKey: string;
}) {
  const history = useLoader(() => api.configHistory(), [reloadKey]);
  const [restoring, setRestoring] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const restore = () => {
    if (!restoring) return;
    setBusy(true);
    api.restoreConfig(restoring, etag).then((change) => { setRestoring(null); onRestored(change); },
      (caught) => { setRestoring(null); setError(describeError(caught)); }).finally(() => setBusy(false));
  };
  if (history.error) return <div className="alert alert-bad" role="alert">{history.error}</div>;
  if (!history.data) return <p className="loading">Loading history…</p>;
  const items = history.data.items;
  return (
    <div className="card">
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {items.length === 0 ? <p className="muted">No earlier versions yet: the workspace keeps one each time it writes config.yaml.</p> : (
        <ol className="history">
          {items.map((version) => (
            <li key={version.id}>
              <details>
                <summary>
                  {version.change ? (
                    <span className="history-change">
                      <span className="history-what">{version.change.summary.length ? version.change.summary.join("; ") : "formatting only"}</span>
                      <span className="muted small"> · {version.change.source}{version.change.actor ? ` · ${version.change.actor}` : ""} · <When iso={version.savedAt} relative /></span>
                    </span>
                  ) : (
                    <span><When iso={version.savedAt} /> <span className="muted small">{version.size} bytes · replaced by the change below</span></span>
                  )}
                </summary>
                <DiffView diff={version.diff} label={`Changes after ${version.id}`} />
              </details>
              {!readOnly && <button type="button" className="button ghost" onClick={() => setRestoring(version.id)}>Restore</button>}
            </li>
          ))}
        </ol>
      )}
      {restoring && (
        <ConfirmDialog title="Restore this version?" confirmLabel="Restore" busy={busy} onConfirm={restore} onCancel={() => setRestoring(null)}>
          <p>config.yaml goes back to the version from {restoring}. The current text is kept in the history first, so this can be undone.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
