// The form view: a card per schema'd section, edits collected until "Review changes" shows the server's diff.
import React, { useMemo, useState } from "react";
import { api, ApiError, ConfigChange, ConfigDocument, Json, JsonSchema } from "../../api";
import { describeError } from "../../ui/useLoader";
import { ReviewPanel } from "./ReviewPanel";
import { ConfigSection } from "./ConfigSection";
import { Pending, withEdit, withoutEdit } from "./pending";
import { problemWith, valueAt } from "./schema";
import { sectionFacts } from "./sections";

export function ConfigForm({ schema, document, onSaved, onConflict }: {
  schema: JsonSchema; document: ConfigDocument; onSaved: (change: ConfigChange) => void; onConflict: () => void;
}) {
  const [pending, setPending] = useState<Pending>(new Map());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [review, setReview] = useState<ConfigChange | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState("");
  const [opened, setOpened] = useState<Set<string>>(new Set());
  const sections = Object.entries(schema.properties || {}).filter(([name]) => !name.startsWith("_"));
  const shownSections = sections.filter(([name, section]) =>
    !filter || name.includes(filter.toLowerCase()) || JSON.stringify(section).toLowerCase().includes(filter.toLowerCase()));
  const facts = shownSections.map(([name, section]) => sectionFacts(name, section, document.config, pending));
  // Jumping to a section opens it and brings it to the top.
  const jump = (name: string) => {
    setOpened((current) => new Set(current).add(name));
    window.requestAnimationFrame(() => window.document.getElementById(`config-section-${name}`)?.scrollIntoView({ block: "start" }));
  };

  const localProblems = useMemo(() => {
    const problems: string[] = [];
    pending.forEach((operation) => {
      if ("delete" in operation) return;
      let leaf: JsonSchema | undefined = schema;
      for (const key of operation.path) leaf = leaf?.properties?.[key] || (typeof leaf?.additionalProperties === "object" ? leaf.additionalProperties : undefined);
      const problem = leaf ? problemWith(leaf, operation.value) : null;
      if (problem || (typeof operation.value === "string" && leaf?.type === "object")) problems.push(operation.path.join("."));
    });
    return problems;
  }, [pending, schema]);

  const operations = Array.from(pending.values());
  const fail = (caught: unknown) => {
    if (caught instanceof ApiError && caught.status === 409) { onConflict(); return; }
    if (caught instanceof ApiError && caught.body.code === "validation_failed") setErrors(caught.body.details || {});
    else if (caught instanceof ApiError && caught.body.code === "edit_conflict" && caught.body.details?.path) setErrors({ [caught.body.details.path]: caught.body.message });
    setMessage(describeError(caught));
  };
  const startReview = () => {
    setBusy(true); setMessage(null); setErrors({});
    api.patchConfig(operations, document.etag, true).then(setReview, fail).finally(() => setBusy(false));
  };
  const save = () => {
    setBusy(true);
    api.patchConfig(operations, document.etag, false).then((change) => {
      setReview(null); setPending(new Map()); setMessage(null); onSaved(change);
    }, (caught) => { setReview(null); fail(caught); }).finally(() => setBusy(false));
  };
  const edit = (path: string[], value: Json | undefined) => {
    setErrors((previous) => { const next = { ...previous }; delete next[path.join(".")]; return next; });
    if (value !== undefined && JSON.stringify(value) === JSON.stringify(valueAt(document.config, path))) setPending(withoutEdit(pending, path));
    else setPending(withEdit(pending, path, value));
  };

  return (
    <div className="config-form">
      <div className="config-toolbar">
        <input className="input" type="search" placeholder="Find a setting…" aria-label="Find a setting" value={filter} onChange={(event) => setFilter(event.target.value)} />
        <span className="muted small">{pending.size ? `${pending.size} unsaved change${pending.size === 1 ? "" : "s"}` : "No unsaved changes"}</span>
        <button type="button" className="button ghost" disabled={!pending.size || busy} onClick={() => { setPending(new Map()); setErrors({}); }}>Discard</button>
        <button type="button" className="button" disabled={!pending.size || busy || localProblems.length > 0 || document.readOnly} onClick={startReview}>
          Review changes…
        </button>
      </div>
      {message && <div className="alert alert-bad" role="alert">{message}</div>}
      {review && <ReviewPanel title="Changes to config.yaml" note="Only these lines change; comments and everything else in the file stay as they are." review={review} busy={busy} onBack={() => setReview(null)} onSave={save} />}
      <div className="config-layout">
        <nav className="config-nav" aria-label="Config sections">
          <ul>
            {facts.map((fact) => (
              <li key={fact.name}>
                <a href={`#config-section-${fact.name}`} onClick={(event) => { event.preventDefault(); jump(fact.name); }}>
                  <span className="config-nav-label">{fact.label}</span>
                  <span className="config-nav-count muted" title={`${fact.set} of ${fact.settings} settings are in config.yaml`}>
                    {fact.unsaved > 0 ? <span className="badge badge-warn">{fact.unsaved} unsaved</span> : `${fact.set}/${fact.settings}`}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <label className="config-jump small muted">Section
          <select className="select" value="" onChange={(event) => { if (event.target.value) jump(event.target.value); }}>
            <option value="">Jump to…</option>
            {facts.map((fact) => <option key={fact.name} value={fact.name}>{fact.label} ({fact.name}) · {fact.set}/{fact.settings} set</option>)}
          </select>
        </label>
        <div className="config-sections">
          {shownSections.map(([name, section], index) => (
            <ConfigSection key={name} name={name} label={facts[index].label} schema={section} file={document.config} pending={pending} errors={errors}
              readOnly={document.readOnly} open={!!filter || opened.has(name) || valueAt(document.config, [name]) !== undefined} onEdit={edit}
              onRevert={(path) => setPending(withoutEdit(pending, path))} />
          ))}
          <p className="muted small">Keys this form does not show are kept as they are; edit them in the raw YAML view.</p>
        </div>
      </div>
    </div>
  );
}
