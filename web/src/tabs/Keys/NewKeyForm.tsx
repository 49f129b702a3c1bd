// Adds a variable the catalog may not know: a name (checked like the server checks it) and a value.
import React, { useState } from "react";
import { api } from "../../api";
import { describeError } from "../../ui/useLoader";

export function NewKeyForm({ onSaved }: { onSaved: (message: string) => void }) {
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameProblem = name && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? "Letters, digits and _ only, not starting with a digit." : null;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!name || nameProblem) return;
    setBusy(true);
    api.setKey(name, value).then((answer) => {
      onSaved(`${name} ${answer.created ? "added" : "replaced"}.`); setName(""); setValue(""); setError(null);
    }, (caught) => setError(describeError(caught))).finally(() => setBusy(false));
  };
  return (
    <form className="card new-key" onSubmit={submit} aria-label="Add or replace a key">
      <label>Name <input className="input" value={name} onChange={(event) => setName(event.target.value.trim())} placeholder="OPENROUTER_API_KEY" autoComplete="off" /></label>
      <label>Value <input className="input" type="password" value={value} onChange={(event) => setValue(event.target.value)} autoComplete="off" /></label>
      <button type="submit" className="button" disabled={!name || !!nameProblem || busy}>{busy ? "Saving…" : "Save to .env"}</button>
      {(nameProblem || error) && <p className="field-error" role="alert">{nameProblem || error}</p>}
    </form>
  );
}
