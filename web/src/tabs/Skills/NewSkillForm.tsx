// A new skill: name and category checked as the agent checks them, a one-line description, and the body.
import React, { useState } from "react";
import { api } from "../../api";
import { describeError } from "../../ui/useLoader";

const namePattern = /^[a-z0-9][a-z0-9._-]*$/;

export function NewSkillForm({ categories, onCreated, onCancel }: { categories: string[]; onCreated: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState("");
  const [category, setCategory] = useState("");
  const [description, setDescription] = useState("");
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = !name ? "A name is required." : !namePattern.test(name) || name.length > 64 ? "Use lowercase letters, digits, '.', '_' or '-' (≤ 64)."
    : category && !namePattern.test(category) ? "The category is one folder name in the same letters."
    : !description.trim() ? "A description is required." : !text.trim() ? "The body is required." : null;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (problem) return;
    setBusy(true);
    api.createSkill({ name, category: category || undefined, description, body: text }).then(() => onCreated(name), (caught) => setError(describeError(caught)))
      .finally(() => setBusy(false));
  };
  return (
    <form className="card cron-editor" onSubmit={submit} aria-label="New skill">
      <div className="card-head"><h2>New skill</h2></div>
      <div className="cron-editor-row">
        <label className="field">Name<input id="skill-name" className="input" value={name} onChange={(event) => setName(event.target.value)} placeholder="release-notes" /></label>
        <label className="field">Category<input className="input" list="skill-categories" value={category} onChange={(event) => setCategory(event.target.value)} placeholder="none" />
          <datalist id="skill-categories">{categories.map((value) => <option key={value} value={value} />)}</datalist></label>
      </div>
      <label className="field">Description<input className="input" value={description} onChange={(event) => setDescription(event.target.value)} /></label>
      <label className="field">Instructions (Markdown)<textarea className="input" rows={8} value={text} onChange={(event) => setText(event.target.value)} /></label>
      {(error || (problem && name)) && <div className="field-error" role="alert">{error || problem}</div>}
      <div className="form-actions">
        <button className="button" type="submit" disabled={busy || problem !== null}>Create</button>
        <button className="button ghost" type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
