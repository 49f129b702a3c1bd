// The machine-level Status: one row per profile (its gateway, model, conversations, spend today, cron jobs due or
// failed, approvals waiting) with the agent's own profile management — create (empty or cloned), rename,
// describe, edit SOUL.md, delete after a dry run that lists what goes.
import React, { useState } from "react";
import { api, ProfileDeletionPlan, ProfileSummary } from "../../api";
import { useEvent } from "../../events";
import { bytes, usd } from "../../format";
import { navigate } from "../../router";
import { searchWithProfile, useProfile } from "../../profile";
import { Badge } from "../../ui/Badge";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { describeError, useLoader } from "../../ui/useLoader";

type Editing = { kind: "rename" | "describe"; profile: ProfileSummary; value: string }
  | { kind: "soul"; profile: ProfileSummary; value: string; etag: string }
  | { kind: "delete"; profile: ProfileSummary; plan: ProfileDeletionPlan; confirm: string };

export function ProfilesCard() {
  const current = useProfile();
  const [nudge, setNudge] = useState(0);
  const reload = () => setNudge((value) => value + 1);
  for (const type of ["profiles.changed", "gateway.changed", "gateway.action", "approvals.changed"]) useEvent(type, reload, []);
  const profiles = useLoader(() => api.profiles(), [nudge]);
  const [name, setName] = useState("");
  const [cloneFrom, setCloneFrom] = useState("");
  const [editing, setEditing] = useState<Editing | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try { await work(); setEditing(null); reload(); } catch (caught) { setError(describeError(caught)); } finally { setBusy(false); }
  };
  const open = async (work: () => Promise<Editing>) => {
    setBusy(true);
    setError(null);
    try { setEditing(await work()); } catch (caught) { setError(describeError(caught)); } finally { setBusy(false); }
  };
  const save = (edit: Editing) => {
    switch (edit.kind) {
      case "rename": return api.renameProfile(edit.profile.name, edit.value);
      case "describe": return api.describeProfile(edit.profile.name, edit.value);
      case "soul": return api.savePersona(edit.profile.name, edit.value, edit.etag);
      case "delete": return api.deleteProfile(edit.profile.name, edit.confirm);
    }
  };
  const items = profiles.data?.items || [];
  return (
    <section className="card wide" aria-labelledby="profiles-title">
      <div className="card-head"><h2 id="profiles-title">Profiles on this machine</h2><span className="muted small">{items.length} profile{items.length === 1 ? "" : "s"}</span></div>
      {profiles.error && <p className="alert alert-bad small">{profiles.error}</p>}
      <div className="profile-rows">
        {items.map((profile) => (
          <div key={profile.name} className={profile.name === current ? "profile-row current" : "profile-row"} data-testid={`profile-row-${profile.name}`}>
            <div className="profile-name">
              <a href="#" onClick={(event) => { event.preventDefault(); navigate("/status" + searchWithProfile("", profile.name)); }}>{profile.name}</a>
              {profile.active && <Badge tone="neutral">sticky</Badge>}
              {profile.description && <span className="muted small">{profile.description}</span>}
            </div>
            <div className="profile-facts small">
              <Badge tone={profile.gateway.liveness === "running" ? (profile.gateway.restartNeeded ? "warn" : "good") : profile.gateway.liveness === "stale-pid" ? "bad" : "neutral"}>
                {profile.gateway.liveness === "running" ? (profile.gateway.restartNeeded ? "restart needed" : profile.gateway.state) : profile.gateway.state}
              </Badge>
              <span>{profile.model || "no model"}{profile.provider ? ` · ${profile.provider}` : ""}</span>
              <span>{profile.sessionCount} conversations</span>
              <span>{usd(profile.costToday)} today</span>
              <span>{profile.skillCount} skills</span>
              <span className={profile.cron.failed ? "bad-text" : ""}>{profile.cron.total} cron{profile.cron.due ? ` · ${profile.cron.due} due` : ""}{profile.cron.failed ? ` · ${profile.cron.failed} failed` : ""}</span>
              {profile.pendingApprovals > 0 && <Badge tone="warn">{profile.pendingApprovals} waiting</Badge>}
            </div>
            <div className="profile-actions">
              <button type="button" className="button ghost small-button" onClick={() => setEditing({ kind: "describe", profile, value: profile.description })}>Describe</button>
              <button type="button" className="button ghost small-button" onClick={() => open(async () => {
                const persona = await api.persona(profile.name);
                return { kind: "soul", profile, value: persona.text, etag: persona.etag };
              })}>SOUL.md</button>
              {!profile.isDefault && <button type="button" className="button ghost small-button" onClick={() => setEditing({ kind: "rename", profile, value: profile.name })}>Rename</button>}
              {!profile.isDefault && <button type="button" className="button danger-outline small-button" onClick={() => open(async () => ({ kind: "delete", profile, plan: await api.deleteProfile(profile.name), confirm: "" }))}>Delete…</button>}
            </div>
          </div>
        ))}
      </div>
      <form className="profile-create" onSubmit={(event) => { event.preventDefault(); act(() => api.createProfile({ name, cloneFrom: cloneFrom || undefined }).then(() => { setName(""); })); }}>
        <label>New profile <input value={name} onChange={(event) => setName(event.target.value)} placeholder="coder" pattern="[A-Za-z0-9][A-Za-z0-9_-]{0,63}" required /></label>
        <label>Copy config, keys, SOUL.md and skills of
          <select value={cloneFrom} onChange={(event) => setCloneFrom(event.target.value)}>
            <option value="">nothing (empty profile)</option>
            {items.map((item) => <option key={item.name} value={item.name}>{item.name}</option>)}
          </select>
        </label>
        <button type="submit" className="button" disabled={busy || !name}>Create</button>
      </form>
      {error && <p className="alert alert-bad small" role="alert">{error}</p>}
      {editing && editing.kind !== "delete" && (
        <dialog open className="dialog" aria-labelledby="profile-edit-title">
          <h2 id="profile-edit-title">{editing.kind === "rename" ? `Rename ${editing.profile.name}` : editing.kind === "describe" ? `Describe ${editing.profile.name}` : `SOUL.md of ${editing.profile.name}`}</h2>
          <div className="dialog-body">
            {editing.kind === "soul"
              ? <textarea aria-label="SOUL.md" rows={14} value={editing.value} onChange={(event) => setEditing({ ...editing, value: event.target.value })} />
              : <input aria-label={editing.kind === "rename" ? "New name" : "Description"} value={editing.value} onChange={(event) => setEditing({ ...editing, value: event.target.value })} />}
            {editing.kind === "soul" && <p className="muted small">The agent reads its persona when a session starts.</p>}
          </div>
          <div className="dialog-actions">
            <button type="button" className="button ghost" onClick={() => setEditing(null)} disabled={busy}>Cancel</button>
            <button type="button" className="button" disabled={busy} onClick={() => act(() => save(editing))}>Save</button>
          </div>
        </dialog>
      )}
      {editing && editing.kind === "delete" && (
        <ConfirmDialog title={`Delete profile ${editing.profile.name}?`} confirmLabel="Delete profile" busy={busy || editing.confirm !== editing.profile.name}
          onCancel={() => setEditing(null)} onConfirm={() => act(() => save(editing))}>
          <p>Everything in {editing.plan.path} goes: {editing.plan.files} files, {bytes(editing.plan.bytes)}
            {editing.plan.gatewayRunning ? "; its running gateway is stopped first" : ""}.</p>
          <ul className="small plan-list">{editing.plan.entries.slice(0, 12).map((entry) => <li key={entry.name}>{entry.name}{entry.kind === "folder" ? `/ (${entry.files} files)` : ""} · {bytes(entry.bytes)}</li>)}</ul>
          <label>Type <strong>{editing.profile.name}</strong> to confirm <input aria-label="Confirm the profile name" value={editing.confirm} onChange={(event) => setEditing({ ...editing, confirm: event.target.value })} /></label>
        </ConfirmDialog>
      )}
    </section>
  );
}
