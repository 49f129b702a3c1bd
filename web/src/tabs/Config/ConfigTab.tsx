// Config: config.yaml as a form for the sections the schema knows, as raw YAML, and as a history of versions.
// Every save goes through the server's diff preview; a change made on disk by the agent or a person is noticed.
import React, { useEffect, useRef, useState } from "react";
import { api, ConfigChange, ConfigDocument, JsonSchema } from "../../api";
import { useConnectionState, useEvent } from "../../events";
import { navigate, useSearchParams } from "../../router";
import { describeError } from "../../ui/useLoader";
import { ConfigForm } from "./ConfigForm";
import { HistoryList } from "./HistoryList";
import { RawEditor } from "./RawEditor";
import { can } from "../../role";

const views = [["form", "Form"], ["raw", "Raw YAML"], ["history", "History"]] as const;
type View = typeof views[number][0];

export function ConfigTab() {
  const params = useSearchParams();
  // The raw file (with its secrets) and every change are an admin's; other roles read the form.
  const admin = can("admin");
  const shownViews = views.filter(([key]) => admin || key !== "raw");
  const view = (shownViews.find(([key]) => key === params.get("view"))?.[0] || "form") as View;
  const [schema, setSchema] = useState<JsonSchema | null>(null);
  const [loaded, setDocument] = useState<ConfigDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [changedOnDisk, setChangedOnDisk] = useState(false);
  const [generation, setGeneration] = useState(0);

  const load = () => api.config().then((loaded) => { setDocument(loaded); setError(null); setChangedOnDisk(false); setGeneration((value) => value + 1); },
    (caught) => setError(describeError(caught)));
  useEffect(() => { api.configSchema().then(setSchema, (caught) => setError(describeError(caught))); load(); }, []);
  const connection = useConnectionState();
  // Our own saves come back as events too; the ETag they produced is not news.
  const ownEtag = useRef("");
  useEvent("config.changed", (event) => {
    const etag = event.data?.etag;
    if (loaded && etag !== loaded.etag && etag !== ownEtag.current) setChangedOnDisk(true);
  }, [loaded?.etag]);
  useEvent("reset", () => setChangedOnDisk(true), []);
  useEffect(() => {
    // While the event stream is down, ask for the ETag every few seconds instead.
    if (connection === "live") return;
    const check = () => api.config().then((latest) => { if (loaded && latest.etag !== loaded.etag) setChangedOnDisk(true); }, () => undefined);
    const timer = window.setInterval(check, 8000);
    return () => window.clearInterval(timer);
  }, [loaded?.etag, connection]);

  const saved = (change: ConfigChange) => {
    ownEtag.current = change.etag;
    setNotice(change.written ? `Saved ${change.changedPaths.length ? change.changedPaths.join(", ") : "config.yaml"}` +
      (change.backupID ? "; the previous version is in History." : ".") : "Nothing changed.");
    load();
  };
  const conflict = () => setChangedOnDisk(true);

  if (error && !loaded) return <div className="alert alert-bad" role="alert">{error}</div>;
  if (!schema || !loaded) return <p className="loading">Loading configuration…</p>;
  const document = admin ? loaded : { ...loaded, readOnly: true };
  return (
    <div className="config">
      <div className="config-head">
        <div className="segmented" role="tablist" aria-label="Config views">
          {shownViews.map(([key, label]) => (
            <button key={key} type="button" role="tab" aria-selected={view === key} className={view === key ? "segment active" : "segment"}
              onClick={() => navigate("/config" + (key === "form" ? "" : `?view=${key}`))}>{label}</button>
          ))}
        </div>
        <span className="muted small"><code>{document.path}</code>{document.exists ? "" : " (not created yet)"}</span>
      </div>
      {loaded.readOnly && <div className="alert alert-warn">This Hermes home is managed (HERMES_MANAGED or a .managed file): the configuration is read-only here.</div>}
      {!admin && !loaded.readOnly && <div className="alert alert-info" role="note">Only admins change the configuration; it is shown here to read.</div>}
      {changedOnDisk && (
        <div className="alert alert-warn" role="alert">
          config.yaml changed on disk since this page loaded (the agent or someone else edited it).{" "}
          <button type="button" className="button ghost" onClick={load}>Reload it</button>
        </div>
      )}
      {notice && <div className="alert alert-good" role="status">{notice}</div>}
      {view === "form" && <ConfigForm key={generation} schema={schema} document={document} onSaved={saved} onConflict={conflict} />}
      {view === "raw" && <RawEditor readOnly={document.readOnly} onSaved={saved} onConflict={conflict} reloadKey={document.etag} />}
      {view === "history" && <HistoryList etag={document.etag} readOnly={document.readOnly} onRestored={saved} reloadKey={document.etag} />}
    </div>
  );
}
