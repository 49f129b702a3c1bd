// One skill: SKILL.md rendered, its files, the variables it needs, per-platform switches, and the editor.
import { Switch } from "../../ui/Switch";
import React, { useState } from "react";
import { api } from "../../api";
import { Markdown } from "../../ui/Markdown";
import { bytes } from "../../format";
import { describeError, useLoader } from "../../ui/useLoader";

const platforms = ["cli", "telegram", "discord", "slack", "whatsapp", "signal", "matrix", "email", "api_server", "cron"];

function body(content: string): string {
  const match = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n?/.exec(content);
  return match ? content.slice(match[0].length) : content;
}

export function SkillPane({ name, onChanged, onClose }: { name: string; onChanged: (message: string) => void; onClose: () => void }) {
  const detail = useLoader(() => api.skill(name), [name]);
  const [file, setFile] = useState<string | null>(null);
  const fileText = useLoader(() => file && file !== "SKILL.md" ? api.skillFile(name, file) : Promise.resolve(null), [name, file]);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (detail.error && !detail.data) return <aside className="card skill-pane"><div className="alert alert-bad">{detail.error}</div></aside>;
  if (!detail.data) return <aside className="card skill-pane"><p className="loading">Loading…</p></aside>;
  const { skill, content, etag, editable, files, variables } = detail.data;
  const save = () => {
    setBusy(true);
    setError(null);
    api.saveSkill(name, draft, etag).then(() => { setEditing(false); onChanged(`${name}: SKILL.md saved.`); },
      (caught) => setError((caught as { status?: number }).status === 409 ? "SKILL.md changed on disk since you opened it; close and open it again." : describeError(caught)))
      .finally(() => setBusy(false));
  };
  const platformToggle = (platform: string) => {
    const off = skill.disabledOn.includes(platform);
    api.setSkillEnabled(name, off, platform).then(() => onChanged(`${name} ${off ? "enabled" : "disabled"} on ${platform}.`), (caught) => setError(describeError(caught)));
  };
  return (
    <aside className="card skill-pane" aria-label={`Skill ${name}`}>
      <div className="card-head">
        <h2>{name}{skill.version && <span className="muted small"> v{skill.version}</span>}</h2>
        <div>
          {editable && !editing && <button className="button ghost small-button" type="button" onClick={() => { setDraft(content); setEditing(true); }}>Edit</button>}
          <button className="button ghost small-button" type="button" onClick={onClose}>Close</button>
        </div>
      </div>
      <p className="small">{skill.description}</p>
      {skill.warnings.map((warning) => <div key={warning} className="alert alert-warn small">{warning}</div>)}
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {variables.length > 0 && (
        <p className="small">Needs: {variables.map((variable) => (
          <span key={variable.name} className={"badge " + (variable.isSet ? "badge-good" : "badge-bad")}>{variable.name}{variable.isSet ? "" : " (not set)"}</span>
        ))}</p>
      )}
      <div className="small skill-platforms" aria-label="Platforms">
        <span className="muted">On platforms:</span>
        {platforms.map((platform) => (
          <label key={platform} className="switch-label"><Switch checked={skill.enabled && !skill.disabledOn.includes(platform)} disabled={!skill.enabled}
            label={`${skill.name} on ${platform}`} onChange={() => platformToggle(platform)} /> {platform}</label>
        ))}
      </div>
      {editing ? (
        <div className="skill-editor">
          <textarea className="input" rows={22} value={draft} onChange={(event) => setDraft(event.target.value)} aria-label="SKILL.md" spellCheck={false} />
          <div className="form-actions">
            <button className="button" type="button" disabled={busy || draft === content} onClick={save}>Save SKILL.md</button>
            <button className="button ghost" type="button" onClick={() => { setEditing(false); setError(null); }}>Cancel</button>
          </div>
        </div>
      ) : (
        <>
          <div className="chips skill-files" aria-label="Files">
            {files.map((entry) => (
              <button key={entry.path} type="button" className={"chip" + ((file || "SKILL.md") === entry.path ? " active" : "")} onClick={() => setFile(entry.path)}
                title={bytes(entry.size)}>{entry.path}</button>
            ))}
          </div>
          <div className="skill-content">
            {!file || file === "SKILL.md" ? <Markdown source={body(content)} />
              : fileText.error ? <div className="alert alert-bad">{fileText.error}</div>
              : fileText.data ? (file.endsWith(".md") ? <Markdown source={fileText.data.text} /> : <pre className="skill-file">{fileText.data.text}</pre>)
              : <p className="loading">Loading…</p>}
          </div>
        </>
      )}
    </aside>
  );
}
