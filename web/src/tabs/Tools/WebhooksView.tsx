// Webhook routes (webhook_subscriptions.json): services post signed events to the gateway, which runs the prompt
// (or delivers directly). A new route's secret is shown once, here, right after it is created.
import React, { useState } from "react";
import { api, WebhookList } from "../../api";
import { can } from "../../role";
import { useEvent } from "../../events";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { Switch } from "../../ui/Switch";
import { describeError, useLoader } from "../../ui/useLoader";

type Subscription = WebhookList["items"][number];

export function WebhooksView() {
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);
  const loaded = useLoader(() => api.webhooks(), [generation]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; url: string; secret: string } | null>(null);
  const [removing, setRemoving] = useState<Subscription | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEvent("webhooks.changed", reload, []);
  useEvent("config.changed", reload, []);
  if (loaded.error && !loaded.data) return <div className="alert alert-bad" role="alert">{loaded.error}</div>;
  if (!loaded.data) return <p className="loading">Loading webhook subscriptions…</p>;
  const list = loaded.data;
  const toggle = (item: Subscription) => api.setWebhookEnabled(item.name, !item.enabled).then(reload, (caught) => setError(describeError(caught)));
  const remove = () => {
    if (!removing) return;
    api.removeWebhook(removing.name, list.etag).then(() => { setRemoving(null); reload(); }, (caught) => { setRemoving(null); setError(describeError(caught)); });
  };
  return (
    <div className="webhooks">
      <div className="config-toolbar">
        {can("admin") && <button className="button" type="button" onClick={() => { setCreating(true); setCreated(null); }}>New subscription</button>}
        <span className="muted small">{list.items.length} route{list.items.length === 1 ? "" : "s"} in webhook_subscriptions.json · the gateway reloads it on change</span>
      </div>
      {!list.platformEnabled && <div className="alert alert-warn" role="status">The webhook platform is off (platforms.webhook.enabled): routes receive nothing until it is on — see Channels.</div>}
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {created && (
        <div className="alert alert-good webhook-secret" role="status">
          <p><strong>{created.name}</strong> created. Configure the service to POST to <code>{created.url}</code>, signed with this secret (HMAC-SHA256).
            It is shown only now:</p>
          <p><code className="secret-once" data-secret>{created.secret}</code>{" "}
            <button className="button ghost small-button" type="button" onClick={() => navigator.clipboard?.writeText(created.secret)}>Copy</button></p>
        </div>
      )}
      {creating && <WebhookForm etag={list.etag} onCancel={() => setCreating(false)} onError={setError}
        onCreated={(result) => { setCreating(false); setCreated(result); reload(); }} />}
      {list.items.length === 0 ? <p className="card muted">No webhook subscriptions.</p> : (
        <div className="cron-cards">
          {list.items.map((item) => (
            <article key={item.name} className="cron-card" data-webhook={item.name} aria-label={item.name}>
              <header className="cron-card-head">
                <strong className="cron-card-title">{item.name}</strong>
                <Switch checked={item.enabled} label={`${item.name} enabled`} disabled={!can("admin")} onChange={() => toggle(item)} />
              </header>
              {item.description && <p className="muted small">{item.description}</p>}
              <dl className="cron-card-facts">
                <div><dt>URL</dt><dd><code>{item.url}</code></dd></div>
                <div><dt>Events</dt><dd>{item.events.length ? item.events.join(", ") : "all"}</dd></div>
                <div><dt>Delivers to</dt><dd>{item.deliver}{item.deliverOnly ? " (directly, no agent run)" : ""}</dd></div>
                {item.prompt && <div><dt>{item.deliverOnly ? "Message" : "Prompt"}</dt><dd className="webhook-prompt">{item.prompt}</dd></div>}
                {item.skills.length > 0 && <div><dt>Skills</dt><dd>{item.skills.join(", ")}</dd></div>}
              </dl>
              {!item.hasSecret && <p className="alert alert-warn small">No secret of its own: the platform's global secret applies (the gateway skips the route without one).</p>}
              {item.insecure && <p className="alert alert-warn small">INSECURE_NO_AUTH: unsigned requests are accepted (loopback hosts only).</p>}
              {can("admin") && <footer className="cron-card-actions">
                <button className="button danger-outline small-button" type="button" onClick={() => setRemoving(item)}>Remove</button>
              </footer>}
            </article>
          ))}
        </div>
      )}
      {removing && (
        <ConfirmDialog title={`Remove ${removing.name}?`} confirmLabel="Remove" onConfirm={remove} onCancel={() => setRemoving(null)}>
          <p>Its URL stops accepting events as soon as the gateway reloads the file. The secret is gone with it.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function WebhookForm({ etag, onCreated, onCancel, onError }: {
  etag: string; onCreated: (result: { name: string; url: string; secret: string }) => void; onCancel: () => void; onError: (message: string) => void;
}) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState("");
  const [prompt, setPrompt] = useState("");
  const [deliver, setDeliver] = useState("log");
  const [chatID, setChatID] = useState("");
  const [direct, setDirect] = useState(false);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const split = (text: string) => text.split(",").map((item) => item.trim()).filter(Boolean);
    api.createWebhook(name.trim(), { description, events: split(events), prompt, deliver, deliverOnly: direct, chatID: chatID || null }, etag).then(
      (answer) => onCreated({ name: answer.subscription.name, url: answer.subscription.url, secret: answer.secret }),
      (caught) => onError(describeError(caught)));
  };
  return (
    <form className="card webhook-form" onSubmit={submit} aria-label="New webhook subscription">
      <label className="field"><span>Name</span>
        <input className="input" value={name} onChange={(event) => setName(event.target.value.toLowerCase())} required pattern="[a-z0-9][a-z0-9_-]*" placeholder="github-push" spellCheck={false} />
        <span className="muted small">Lowercase letters, digits, - and _; the URL ends in /webhooks/NAME.</span></label>
      <label className="field"><span>Description</span><input className="input" value={description} onChange={(event) => setDescription(event.target.value)} /></label>
      <label className="field"><span>Events</span><input className="input" value={events} onChange={(event) => setEvents(event.target.value)} placeholder="push, pull_request (empty: all)" /></label>
      <label className="field"><span>{direct ? "Message" : "Prompt"}</span>
        <textarea className="input" rows={4} value={prompt} onChange={(event) => setPrompt(event.target.value)} placeholder="Summarise {commits} for the team" /></label>
      <label className="field"><span>Deliver to</span><input className="input" value={deliver} onChange={(event) => setDeliver(event.target.value)} placeholder="log, telegram, discord, github_comment" /></label>
      <label className="field"><span>Chat id (optional)</span><input className="input" value={chatID} onChange={(event) => setChatID(event.target.value)} /></label>
      <label className="field field-check"><input type="checkbox" checked={direct} onChange={(event) => setDirect(event.target.checked)} />
        <span>Deliver directly, without running the agent</span></label>
      <div className="form-actions">
        <button className="button" type="submit">Create</button>
        <button className="button ghost" type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
