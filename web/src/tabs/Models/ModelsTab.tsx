// Models: the main model, every auxiliary task slot and the custom endpoints, each with the key it needs and
// whether it is set. Nothing here calls a provider unless Test is pressed, and Test calls only a configured URL.
import React, { useState } from "react";
import { api, ApiError, ModelOverview, ModelSlot } from "../../api";
import { useEvent } from "../../events";
import { hrefFor } from "../../router";
import { Badge } from "../../ui/Badge";
import { StackedTable } from "../../ui/StackedTable";
import { describeError, useLoader } from "../../ui/useLoader";

function KeyBadge({ slot }: { slot: { key?: string; keySet: boolean } }) {
  if (!slot.key) return <span className="muted small">no key needed here</span>;
  return <span><code>{slot.key}</code> <Badge tone={slot.keySet ? "good" : "warn"}>{slot.keySet ? "set" : "not set"}</Badge></span>;
}

function TestButton({ url, onResult }: { url: string; onResult: (text: string, good: boolean) => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <button type="button" className="button ghost small-button" disabled={busy} onClick={() => {
      setBusy(true);
      api.testModelEndpoint(url).then((result) => onResult(result.ok
        ? `${result.url} answered in ${result.milliseconds} ms${result.models !== undefined ? ` with ${result.models} models` : ""}.`
        : `${result.url}: ${result.problem || "no answer"} (${result.milliseconds} ms).`, result.ok), (caught) => onResult(describeError(caught), false))
        .finally(() => setBusy(false));
    }}>{busy ? "Testing…" : "Test"}</button>
  );
}

function SlotEditor({ slot, etag, onSaved, onError }: { slot: ModelSlot; etag: string; onSaved: (message: string) => void; onError: (message: string) => void }) {
  const [model, setModel] = useState(slot.model);
  const [provider, setProvider] = useState(slot.provider);
  const [baseURL, setBaseURL] = useState(slot.baseURL || "");
  const [busy, setBusy] = useState(false);
  const main = slot.slot === "main";
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const request = main ? api.setMainModel(model, provider || null, baseURL, etag) : api.setAuxiliaryModel(slot.slot, provider, model, baseURL, etag);
    request.then(() => onSaved(`${main ? "Main model" : slot.slot} saved to config.yaml.`), (caught) => onError(caught instanceof ApiError && caught.status === 409
      ? "config.yaml changed since this page loaded; it has been reloaded." : describeError(caught))).finally(() => setBusy(false));
  };
  return (
    <form className="model-form" onSubmit={save} aria-label={main ? "Main model" : `${slot.slot} model`}>
      <label className="field">Model<input className="input" value={model} onChange={(event) => setModel(event.target.value)} placeholder={main ? "anthropic/claude-sonnet-4.5" : "empty: the main model"} required={main} /></label>
      <label className="field">Provider<input className="input" value={provider} onChange={(event) => setProvider(event.target.value)} placeholder="auto" /></label>
      <label className="field">Base URL<input className="input" value={baseURL} onChange={(event) => setBaseURL(event.target.value)} placeholder="empty: the provider's" /></label>
      <button type="submit" className="button small-button" disabled={busy}>Save</button>
    </form>
  );
}

export function ModelsTab() {
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);
  const models = useLoader(() => api.modelSettings(), [generation]);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; good: boolean } | null>(null);
  useEvent("config.changed", reload, []);
  useEvent("env.changed", reload, []);
  if (models.error && !models.data) return <div className="alert alert-bad" role="alert">{models.error}</div>;
  if (!models.data) return <p className="loading">Loading models…</p>;
  const data: ModelOverview = models.data;
  const saved = (text: string) => { setEditing(null); setNotice({ text, good: true }); reload(); };
  const failed = (text: string) => { setNotice({ text, good: false }); reload(); };
  return (
    <div className="models">
      {notice && <div className={notice.good ? "alert alert-good" : "alert alert-bad"} role={notice.good ? "status" : "alert"}>{notice.text}</div>}
      <section className="card" aria-label="Main model">
        <div className="card-head"><h2>Main model</h2><a className="small" href={hrefFor("/keys")}>Keys</a></div>
        <dl className="facts">
          <dt>Model</dt><dd><code>{data.main.model || "—"}</code></dd>
          <dt>Provider</dt><dd>{data.main.provider}{data.main.baseURL && <> · <code>{data.main.baseURL}</code></>}</dd>
          <dt>Key</dt><dd><KeyBadge slot={data.main} /></dd>
        </dl>
        <div className="form-actions">
          <button type="button" className="button ghost small-button" onClick={() => setEditing(editing === "main" ? null : "main")}>{editing === "main" ? "Close" : "Change"}</button>
          {data.main.baseURL && <TestButton url={data.main.baseURL} onResult={(text, good) => setNotice({ text, good })} />}
        </div>
        {editing === "main" && <SlotEditor slot={data.main} etag={data.etag} onSaved={saved} onError={failed} />}
      </section>
      <section className="card" aria-label="Auxiliary models">
        <div className="card-head"><h2>Auxiliary tasks</h2><span className="muted small">auxiliary.&lt;slot&gt; in config.yaml</span></div>
        <StackedTable className="models-table">
          <thead><tr><th>Task</th><th>Model</th><th>Key</th><th /></tr></thead>
          <tbody>{data.auxiliary.map((slot) => (
            <React.Fragment key={slot.slot}>
              <tr data-slot={slot.slot}>
                <td><code>{slot.slot}</code></td>
                <td>{slot.usesMain ? <span className="muted">the main model</span> : <>{slot.model || <span className="muted">provider default</span>} <span className="muted small">· {slot.provider}</span></>}</td>
                <td>{slot.usesMain ? <span className="muted small">as the main model</span> : <KeyBadge slot={slot} />}</td>
                <td><button type="button" className="button ghost small-button" onClick={() => setEditing(editing === slot.slot ? null : slot.slot)}>{editing === slot.slot ? "Close" : "Change"}</button></td>
              </tr>
              {editing === slot.slot && <tr><td colSpan={4}><SlotEditor slot={slot} etag={data.etag} onSaved={saved} onError={failed} /></td></tr>}
            </React.Fragment>
          ))}</tbody>
        </StackedTable>
      </section>
      <section className="card" aria-label="Custom endpoints">
        <div className="card-head"><h2>Custom endpoints</h2><span className="muted small">providers / custom_providers</span></div>
        {data.endpoints.length === 0 ? <p className="muted">None. Add an OpenAI-compatible endpoint under <code>providers:</code> in Config.</p> : (
          <ul className="endpoint-list">{data.endpoints.map((endpoint) => (
            <li key={endpoint.source + endpoint.name}><strong>{endpoint.name}</strong> <code>{endpoint.baseURL}</code>
              {endpoint.model && <span className="muted small"> · {endpoint.model}</span>} <KeyBadge slot={endpoint} />
              <TestButton url={endpoint.baseURL} onResult={(text, good) => setNotice({ text, good })} /></li>
          ))}</ul>
        )}
      </section>
    </div>
  );
}
