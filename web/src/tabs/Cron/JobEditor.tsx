// Create or edit a job: schedule checked live against the server (kind, display, next 5 runs), prompt, skills from
// the registry, model override, delivery target, repeat count. Edits send only what changed, with the job's ETag.
import { When } from "../../ui/When";
import React, { useEffect, useState } from "react";
import { api, CronDraft, CronJob, CronPreviewParsed } from "../../api";

import { describeError } from "../../ui/useLoader";
import { SkillPicker } from "./SkillPicker";
import { SchedulePresets } from "./SchedulePresets";
import { jobFields, newJobFields } from "./jobView";

const deliveryTargets = ["local", "origin", "all", "telegram", "discord", "slack", "whatsapp", "signal", "matrix", "email", "sms", "webhook"];

export function JobEditor({ job, onSaved, onCancel }: { job: CronJob | null; onSaved: (job: CronJob, created: boolean) => void; onCancel: () => void }) {
  const initial = job ? jobFields(job) : newJobFields;
  const [name, setName] = useState(job ? job.name : "");
  const [prompt, setPrompt] = useState(initial.prompt);
  const [schedule, setSchedule] = useState(initial.schedule);
  const [skills, setSkills] = useState<string[]>(initial.skills);
  const [model, setModel] = useState(initial.model);
  const [deliver, setDeliver] = useState(initial.deliver);
  const [repeat, setRepeat] = useState(initial.repeatTimes === null ? "" : String(initial.repeatTimes));
  const [preview, setPreview] = useState<CronPreviewParsed | null>(null);
  const [scheduleError, setScheduleError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Checked as the operator types, 300 ms after the last keystroke; a refusal comes back as an answer
  // (`report: true`), so typing an unfinished schedule never logs a failed request.
  useEffect(() => {
    const trimmed = schedule.trim();
    if (!trimmed) { setPreview(null); setScheduleError("A schedule is required."); return; }
    let current = true;
    const timer = window.setTimeout(() => {
      api.cronPreview(trimmed).then((answer) => {
        if (!current) return;
        if (answer.valid) { setPreview(answer); setScheduleError(null); } else { setPreview(null); setScheduleError(answer.problem.message); }
      }, (caught) => { if (current) { setPreview(null); setScheduleError(describeError(caught)); } });
    }, 300);
    return () => { current = false; window.clearTimeout(timer); };
  }, [schedule]);

  const draft = (): CronDraft => {
    const times = repeat.trim() === "" ? null : Number(repeat);
    const full: CronDraft = { name: name.trim() || null, prompt, schedule: schedule.trim(), skills, model: model.trim() || null, deliver: deliver.trim() || null, repeat: times };
    if (!job) return full;
    const changed: CronDraft = {};
    if ((full.name || "") !== job.name) changed.name = full.name;
    if (prompt !== initial.prompt) changed.prompt = prompt;
    if (full.schedule !== initial.schedule) changed.schedule = full.schedule;
    if (skills.join("\n") !== initial.skills.join("\n")) changed.skills = skills;
    if ((full.model || "") !== initial.model) changed.model = full.model;
    if ((full.deliver || "") !== initial.deliver) changed.deliver = full.deliver;
    if (times !== initial.repeatTimes) changed.repeat = times;
    return changed;
  };
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    if (repeat.trim() !== "" && !/^\d+$/.test(repeat.trim())) { setError("Repeat must be a whole number (or empty for forever)."); return; }
    setBusy(true);
    setError(null);
    const body = draft();
    const request = job ? api.updateCronJob(job.id, body, job.etag) : api.createCronJob(body);
    request.then((saved) => onSaved(saved, !job), (caught) => {
      const status = (caught as { status?: number }).status;
      setError(status === 409 ? "The job changed since you opened it (the agent may have run it). Close the editor and open it again." : describeError(caught));
    }).finally(() => setBusy(false));
  };

  return (
    <form className="card cron-editor" onSubmit={save} aria-label={job ? `Edit ${job.name}` : "New job"}>
      <div className="card-head"><h2>{job ? `Edit ${job.name}` : "New job"}</h2>{job && <code className="muted small">{job.id}</code>}</div>
      <label className="field">Name<input id="cron-name" className="input" value={name} onChange={(event) => setName(event.target.value)} placeholder="From the prompt when empty" maxLength={200} /></label>
      <SchedulePresets onPick={setSchedule} />
      <label className="field">Schedule
        <input id="cron-schedule" className="input" value={schedule} onChange={(event) => setSchedule(event.target.value)} aria-invalid={scheduleError !== null}
          placeholder="every 30m · 0 9 * * 1-5 · 2026-12-24T18:00 · 2h" />
      </label>
      <div className="cron-preview" role="status" aria-live="polite" aria-label="Schedule preview">
        {scheduleError ? <span className="field-error">{scheduleError}</span> : preview && (
          <>
            <span className="small"><strong>{preview.kind}</strong> · {preview.display} · {preview.timezone}</span>
            <ol className="small cron-next">{preview.next.map((time) => <li key={time}><When iso={time} /></li>)}</ol>
            {preview.next.length === 0 && <span className="small muted">It never runs.</span>}
          </>
        )}
      </div>
      <label className="field">Prompt<textarea id="cron-prompt" className="input" rows={5} value={prompt} onChange={(event) => setPrompt(event.target.value)}
        placeholder="A self-contained instruction: the job runs without the chat it was made in." /></label>
      <SkillPicker value={skills} onChange={setSkills} />
      <div className="cron-editor-row">
        <label className="field">Model override<input id="cron-model" className="input" value={model} onChange={(event) => setModel(event.target.value)} placeholder="config default" /></label>
        <label className="field">Deliver to
          <input id="cron-deliver" className="input" list="cron-deliver-targets" value={deliver} onChange={(event) => setDeliver(event.target.value)} />
          <datalist id="cron-deliver-targets">{deliveryTargets.map((target) => <option key={target} value={target} />)}</datalist>
        </label>
        <label className="field">Runs in total<input id="cron-repeat" className="input" inputMode="numeric" value={repeat} onChange={(event) => setRepeat(event.target.value)} placeholder="forever" /></label>
      </div>
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      <div className="form-actions">
        <button className="button" type="submit" disabled={busy || scheduleError !== null}>{job ? "Save" : "Create"}</button>
        <button className="button ghost" type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
