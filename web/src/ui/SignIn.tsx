// Login mode: a person signs in with their account's name and password, then the code of their second factor
// when the account has one (or a recovery code).
import React, { useState } from "react";
import { api, ApiError, rememberCSRF } from "../api";
import { describeError } from "./useLoader";

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [user, setUser] = useState("admin");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    api.login(user, password, needsCode ? code.trim() : undefined).then((state) => { rememberCSRF(state.csrfToken || null); onSignedIn(); },
      (caught) => {
        if (caught instanceof ApiError && caught.body.code === "second_factor_required") { setNeedsCode(true); return; }
        setError(describeError(caught));
      }).finally(() => setBusy(false));
  };
  return (
    <section className="card narrow" aria-label="Sign in">
      <h2>Sign in</h2>
      <p className="muted">Sign in with your account.</p>
      <form onSubmit={submit}>
        <input id="signin-user" className="input" autoComplete="username" value={user} onChange={(event) => setUser(event.target.value)} aria-label="User" />
        <input id="signin-password" className="input" type="password" autoComplete="current-password" value={password}
          onChange={(event) => setPassword(event.target.value)} aria-label="Password" />
        {needsCode && (
          <input id="signin-code" className="input" inputMode="numeric" autoComplete="one-time-code" autoFocus value={code}
            onChange={(event) => setCode(event.target.value)} aria-label="Code from your authenticator app, or a recovery code"
            placeholder="6-digit code or recovery code" />
        )}
        {error && <div className="alert alert-bad" role="alert">{error}</div>}
        <button className="button" type="submit" disabled={busy || !password || (needsCode && !code.trim())}>{needsCode ? "Verify" : "Sign in"}</button>
      </form>
    </section>
  );
}
