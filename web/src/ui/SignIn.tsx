// Login mode: the operator signs in with the password set by `hermes-workspace passwd`.
import React, { useState } from "react";
import { api, rememberCSRF } from "../api";
import { describeError } from "./useLoader";

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [user, setUser] = useState("admin");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    api.login(user, password).then((state) => { rememberCSRF(state.csrfToken || null); onSignedIn(); },
      (caught) => setError(describeError(caught))).finally(() => setBusy(false));
  };
  return (
    <section className="card narrow" aria-label="Sign in">
      <h2>Sign in</h2>
      <p className="muted">This workspace asks for the operator password.</p>
      <form onSubmit={submit}>
        <input id="signin-user" className="input" autoComplete="username" value={user} onChange={(event) => setUser(event.target.value)} aria-label="User" />
        <input id="signin-password" className="input" type="password" autoComplete="current-password" value={password}
          onChange={(event) => setPassword(event.target.value)} aria-label="Password" />
        {error && <div className="alert alert-bad" role="alert">{error}</div>}
        <button className="button" type="submit" disabled={busy || !password}>Sign in</button>
      </form>
    </section>
  );
}
