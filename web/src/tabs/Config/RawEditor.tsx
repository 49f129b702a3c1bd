// The raw YAML editor: line numbers, the server's syntax and schema errors marked inline, a diff before saving.
import React, { useEffect, useRef, useState } from "react";
import { api, ApiError, ConfigChange } from "../../api";
import { describeError } from "../../ui/useLoader";
import { ReviewPanel } from "./ReviewPanel";

interface Problem { line?: number; column?: number; message: string; paths?: Record<string, string> }

export function RawEditor({ readOnly, onSaved, onConflict, reloadKey }: {
  readOnly: boolean; onSaved: (change: ConfigChange) => void; onConflict: () => void; reloadKey: string;
}) {
  const [original, setOriginal] = useState<{ text: string; etag: string } | null>(null);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [review, setReview] = useState<ConfigChange | null>(null);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const gutter = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    api.rawConfig().then((raw) => { setOriginal(raw); setText(raw.text); setProblem(null); setReview(null); }, (caught) => setLoadError(describeError(caught)));
  }, [reloadKey]);

  const report = (caught: unknown) => {
    if (caught instanceof ApiError && caught.status === 409) { onConflict(); return; }
    if (caught instanceof ApiError && caught.body.code === "yaml_syntax") {
      const details = caught.body.details || {};
      setProblem({ line: Number(details.line), column: Number(details.column), message: details.problem || caught.body.message });
    } else if (caught instanceof ApiError && caught.body.code === "validation_failed") {
      setProblem({ message: caught.body.message, paths: caught.body.details });
    } else {
      setProblem({ message: describeError(caught) });
    }
  };
  const check = () => {
    if (!original) return;
    setBusy(true); setProblem(null);
    api.putRawConfig(text, original.etag, true).then(setReview, report).finally(() => setBusy(false));
  };
  const save = () => {
    if (!original) return;
    setBusy(true);
    api.putRawConfig(text, original.etag, false).then((change) => {
      setReview(null); setOriginal({ text, etag: change.etag }); onSaved(change);
    }, (caught) => { setReview(null); report(caught); }).finally(() => setBusy(false));
  };

  if (loadError) return <div className="alert alert-bad" role="alert">{loadError}</div>;
  if (!original) return <p className="loading">Loading config.yaml…</p>;
  const lineCount = text.split("\n").length;
  const dirty = text !== original.text;
  return (
    <div className="raw-editor">
      <div className="config-toolbar">
        <span className="muted small">{dirty ? "Edited — not saved" : "As on disk"} · {lineCount} lines · saved exactly as typed</span>
        <button type="button" className="button ghost" disabled={!dirty || busy} onClick={() => { setText(original.text); setProblem(null); setReview(null); }}>Revert</button>
        <button type="button" className="button" disabled={!dirty || busy || readOnly} onClick={check}>{busy ? "Checking…" : "Check and review…"}</button>
      </div>
      {problem && (
        <div className="alert alert-bad" role="alert">
          {problem.line ? <>Line {problem.line}, column {problem.column}: {problem.message}</> : problem.message}
          {problem.paths && <ul>{Object.entries(problem.paths).map(([path, message]) => <li key={path}><code>{path}</code> {message}</li>)}</ul>}
        </div>
      )}
      {review && <ReviewPanel title="Save this text?" review={review} busy={busy} onBack={() => setReview(null)} onSave={save} />}
      <div className="code-editor">
        <div className="gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lineCount }, (_, index) => (
            <div key={index} className={problem?.line === index + 1 ? "gutter-line error" : "gutter-line"}>{index + 1}</div>
          ))}
        </div>
        <textarea className="code-area" aria-label="config.yaml" value={text} spellCheck={false} wrap="off" readOnly={readOnly}
          onChange={(event) => { setText(event.target.value); setReview(null); }}
          onScroll={(event) => { if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop; }} />
      </div>
    </div>
  );
}
