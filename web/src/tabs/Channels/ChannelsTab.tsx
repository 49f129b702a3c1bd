// Channels: every messaging platform the gateway knows — whether it starts it and why, its keys (masked), its home
// channel (where cron output goes), what it last reported — and the pairing list of who may talk to the agent.
import React, { useState } from "react";
import { api, ChannelList } from "../../api";
import { useEvent } from "../../events";
import { hrefFor } from "../../router";
import { Badge } from "../../ui/Badge";
import { Switch } from "../../ui/Switch";
import { When } from "../../ui/When";
import { describeError, useLoader } from "../../ui/useLoader";
import { PairingCard } from "../Approvals/PairingCard";

type Channel = ChannelList["items"][number];

function HomeForm({ channel, onSaved, onError }: { channel: Channel; onSaved: (message: string) => void; onError: (message: string) => void }) {
  const [chatID, setChatID] = useState(channel.home?.chatID || "");
  const [name, setName] = useState(channel.home?.name || "");
  const [busy, setBusy] = useState(false);
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    api.setChannelHome(channel.id, chatID.trim(), name.trim() || null).then(
      () => onSaved(chatID.trim() ? `${channel.label}'s home channel is ${chatID.trim()}.` : `${channel.label}'s home channel removed.`),
      (caught) => onError(describeError(caught))).finally(() => setBusy(false));
  };
  return (
    <form className="channel-home" onSubmit={save}>
      <input className="input" aria-label={`${channel.label} home chat id`} value={chatID} onChange={(event) => setChatID(event.target.value)} placeholder="chat id" />
      <input className="input" aria-label={`${channel.label} home channel name`} value={name} onChange={(event) => setName(event.target.value)} placeholder="name" />
      <button type="submit" className="button ghost small-button" disabled={busy}>Save</button>
    </form>
  );
}

export function ChannelsTab() {
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);
  const channels = useLoader(() => api.channels(), [generation]);
  const pairing = useLoader(() => api.pairing(), [generation]);
  const [showAll, setShowAll] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEvent("config.changed", reload, []);
  useEvent("env.changed", reload, []);
  useEvent("gateway.changed", reload, []);
  if (channels.error && !channels.data) return <div className="alert alert-bad" role="alert">{channels.error}</div>;
  if (!channels.data) return <p className="loading">Loading channels…</p>;
  const items = channels.data.items.filter((channel) => showAll || channel.configured);
  const toggle = (channel: Channel) => {
    setError(null);
    api.setChannelEnabled(channel.id, !channel.enabled).then(
      () => { setNotice(`${channel.label} ${channel.enabled ? "disabled" : "enabled"} in config.yaml; the gateway applies it when it restarts.`); reload(); },
      (caught) => setError(describeError(caught)));
  };
  return (
    <div className="channels">
      <div className="config-toolbar">
        <span className="muted small">{channels.data.items.filter((channel) => channel.configured).length} configured · changes apply when the gateway restarts</span>
        <label className="small"><input type="checkbox" checked={showAll} onChange={(event) => setShowAll(event.target.checked)} /> Show every platform</label>
      </div>
      {notice && <div className="alert alert-good" role="status">{notice}</div>}
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {items.length === 0 && <p className="card muted">No platform is configured. Add a bot token in API Keys, or show every platform.</p>}
      <div className="cron-cards">
        {items.map((channel) => (
          <article key={channel.id} className="cron-card channel-card" data-channel={channel.id} aria-label={channel.label}>
            <header className="cron-card-head">
              <strong className="cron-card-title">{channel.label}</strong>
              <Switch checked={channel.enabled} label={`${channel.label} enabled`} onChange={() => toggle(channel)} />
            </header>
            <p className="muted small">{channel.enabledBy === "config" ? `platforms.${channel.id}.enabled in config.yaml`
              : channel.enabledBy === "credential" ? "on because its credential is in .env" : "off"}</p>
            <dl className="cron-card-facts">
              <div><dt>Live</dt><dd>{channel.live ? (
                <span className={channel.liveIsStale ? "stale" : undefined}>
                  <Badge tone={channel.liveIsStale ? "neutral" : channel.live.healthy ? "good" : "bad"}>{channel.live.state}</Badge>
                  {channel.liveIsStale && <span className="muted small"> as of {channel.live.updatedAt ? <When iso={channel.live.updatedAt} relative /> : "the gateway's last run"}</span>}
                  {channel.live.errorMessage && <span className="field-error small"> {channel.live.errorMessage}</span>}
                </span>) : <span className="muted">not reported</span>}</dd></div>
              <div><dt>Keys</dt><dd className="mcp-settings">
                {channel.keys.length === 0 ? <span className="muted">none</span> : channel.keys.map((key) => (
                  <span key={key.name}><code>{key.name}</code> <Badge tone={key.isSet ? "good" : "neutral"}>{key.isSet ? "set" : "not set"}</Badge></span>
                ))}
                <a className="small" href={hrefFor("/keys")}>Edit in API Keys</a>
              </dd></div>
              <div><dt>Home</dt><dd><HomeForm key={channel.home?.chatID || ""} channel={channel} onSaved={(message) => { setNotice(message); reload(); }} onError={setError} /></dd></div>
            </dl>
          </article>
        ))}
      </div>
      {pairing.data && <PairingCard pending={pairing.data.pending} approved={pairing.data.approved}
        onChanged={(message) => { setNotice(message); reload(); }} onError={setError} />}
    </div>
  );
}
