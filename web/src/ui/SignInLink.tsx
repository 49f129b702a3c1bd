// No password is set: the page carries no credential, so a browser signs in with the one-time link that
// `hermes-workspace serve` prints (or a fresh one from `hermes-workspace signin-link`).
import React from "react";

export function SignInLink() {
  return (
    <section className="card narrow" aria-label="Sign in">
      <h2>Open your sign-in link</h2>
      <p className="muted">This workspace has no password, so it signs a browser in with a one-time link instead of
        putting a token in the page. Open the link that <code>hermes-workspace serve</code> printed when it started,
        or make a new one on the server:</p>
      <pre className="command">hermes-workspace signin-link --home ~/.hermes --url {window.location.origin + window.location.pathname.replace(/[^/]*$/, "")}</pre>
      <p className="muted small">To let a team sign in with a password instead, run <code>hermes-workspace passwd</code>.</p>
    </section>
  );
}
