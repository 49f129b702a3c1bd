// Users (admins): the accounts people sign in with, their roles, who must use a second factor, and every sign-in.
import React, { useState } from "react";
import { Account, api } from "../../api";
import { accountName } from "../../role";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { Switch } from "../../ui/Switch";
import { relativeTime } from "../../format";
import { describeError, useLoader } from "../../ui/useLoader";
import { SignInList } from "../Account/AccountTab";

const roles = ["viewer", "operator", "admin"] as const;
const roleHelp: Record<string, string> = {
  viewer: "reads everything but secrets",
  operator: "also decides approvals, runs and pauses cron jobs, switches skills, restarts the gateway",
  admin: "everything: config, keys, users, deletes",
};

export function UsersTab() {
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);
  const users = useLoader(() => api.users(), [generation]);
  const sessions = useLoader(() => api.allSessions(), [generation]);
  const [removing, setRemoving] = useState<Account | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fail = (caught: unknown) => setError(describeError(caught));
  const done = (message: string) => () => { setError(null); setNotice(message); reload(); };
  if (users.error && !users.data) return <div className="alert alert-bad" role="alert">{users.error}</div>;
  if (!users.data) return <p className="loading">Loading accounts…</p>;
  const list = users.data;
  const required = new Set(list.requireSecondFactor);
  const setRequired = (role: string, on: boolean) => {
    const next = roles.filter((item) => (item === role ? on : required.has(item)));
    api.setUserPolicy(next).then(done(on ? `A second factor is required for ${role}s now.` : `A second factor is optional for ${role}s now.`), fail);
  };
  return (
    <div className="users">
      {notice && <div className="alert alert-good" role="status">{notice}</div>}
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      <NewUser onCreated={(name) => done(`Added ${name}.`)()} onError={fail} />
      <section className="card" aria-label="Accounts">
        <h2>Accounts</h2>
        <ul className="user-list">
          {list.items.map((user) => (
            <li key={user.name} className="user-row" data-user={user.name}>
              <div className="user-text">
                <strong>{user.name}</strong>{user.name === accountName() && <span className="badge badge-neutral">you</span>}
                {user.disabled && <span className="badge badge-warn">disabled</span>}
                <span className="muted small"> · {user.secondFactor ? "second factor on" : "no second factor"} · last sign-in {user.lastSignInAt ? relativeTime(user.lastSignInAt) : "never"}</span>
              </div>
              <div className="user-actions">
                <select className="input" aria-label={`Role of ${user.name}`} value={user.role}
                  onChange={(event) => api.updateUser(user.name, { role: event.target.value }).then(done(`${user.name} is ${event.target.value} now.`), fail)}>
                  {roles.map((role) => <option key={role} value={role}>{role}</option>)}
                </select>
                <Switch checked={!user.disabled} label={`${user.name} enabled`}
                  onChange={(on) => api.updateUser(user.name, { disabled: !on }).then(done(on ? `${user.name} enabled.` : `${user.name} disabled; their sign-ins ended.`), fail)} />
                {user.secondFactor && (
                  <button type="button" className="button ghost small-button"
                    onClick={() => api.resetSecondFactor(user.name).then(done(`${user.name}'s second factor was reset; they set it up again at their next sign-in.`), fail)}>Reset 2FA</button>
                )}
                <button type="button" className="button danger-outline small-button" onClick={() => setRemoving(user)}>Remove</button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-label="Second factor policy">
        <h2>Second factor</h2>
        <p className="muted small">A role that must use one signs in only to set it up first.</p>
        <ul className="policy-list">
          {roles.map((role) => (
            <li key={role}><label className="field-inline"><Switch checked={required.has(role)} label={`Require a second factor for ${role}s`}
              onChange={(on) => setRequired(role, on)} /> Required for {role}s <span className="muted small">({roleHelp[role]})</span></label></li>
          ))}
        </ul>
      </section>
      <section className="card" aria-label="Every sign-in">
        <h2>Sign-ins</h2>
        <SignInList items={sessions.data?.items || []} showUser onEnd={(id) => api.endSession(id).then(done("Sign-in ended."))} />
      </section>
      {removing && (
        <ConfirmDialog title={`Remove ${removing.name}?`} confirmLabel="Remove" onCancel={() => setRemoving(null)}
          onConfirm={() => { const name = removing.name; setRemoving(null); api.removeUser(name).then(done(`Removed ${name}.`), fail); }}>
          <p>Their sign-ins end at once. The audit trail keeps their name on what they did.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function NewUser({ onCreated, onError }: { onCreated: (name: string) => void; onError: (caught: unknown) => void }) {
  const [name, setName] = useState("");
  const [role, setRole] = useState("viewer");
  const [password, setPassword] = useState("");
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    api.createUser(name.trim(), role, password).then((user) => { setName(""); setPassword(""); onCreated(user.name); }, onError);
  };
  return (
    <form className="card new-user" onSubmit={submit} aria-label="Add an account">
      <h2>Add an account</h2>
      <div className="new-user-grid">
        <label className="field"><span>Name</span><input className="input" id="new-user-name" value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" /></label>
        <label className="field"><span>Role</span>
          <select className="input" id="new-user-role" value={role} onChange={(event) => setRole(event.target.value)}>
            {roles.map((item) => <option key={item} value={item}>{item}</option>)}
          </select></label>
        <label className="field"><span>First password (12+)</span>
          <input className="input" id="new-user-password" type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} /></label>
      </div>
      <p className="muted small">{roleHelp[role]}</p>
      <div className="form-actions"><button className="button" type="submit" disabled={!name.trim() || password.length < 12}>Add</button></div>
    </form>
  );
}
