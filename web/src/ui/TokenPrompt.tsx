import React, { useState } from "react";
import { rememberToken } from "../api";

export function TokenPrompt({ onSaved }: { onSaved: () => void }) {
  const [value, setValue] = useState("");
  return (
    <section className="card narrow">
      <h2>API token needed</h2>
      <p className="muted">This workspace does not embed its token in the page (it is not bound to loopback).
        Run <code>hermes-workspace token</code> on the server and paste the token here; it is kept for this tab only.</p>
      <form onSubmit={(event) => { event.preventDefault(); if (value.trim()) { rememberToken(value); onSaved(); } }}>
        <input className="input" type="password" autoComplete="off" value={value}
          onChange={(event) => setValue(event.target.value)} aria-label="API token" />
        <button className="button" type="submit">Continue</button>
      </form>
    </section>
  );
}
