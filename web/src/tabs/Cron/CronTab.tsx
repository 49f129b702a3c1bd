// Cron: the jobs in cron/jobs.json with who runs them, create and edit, pause/resume/trigger/delete, and run history.
import React, { useState } from "react";
import { api, CronJob } from "../../api";
import { can } from "../../role";
import { useEvent } from "../../events";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { describeError, useLoader } from "../../ui/useLoader";
import { JobEditor } from "./JobEditor";
import { JobCard } from "./JobCard";
import { RunHistory } from "./RunHistory";
import { SchedulerBanner } from "./SchedulerBanner";
import { AllProfilesJobs } from "./AllProfilesJobs";

export function CronTab() {
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);
  const jobs = useLoader(() => api.cronJobs(), [generation]);
  const scheduler = useLoader(() => api.cronScheduler(), [generation]);
  const [editing, setEditing] = useState<CronJob | "new" | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<CronJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEvent("cron.jobs.changed", reload, []);
  useEvent("cron.run.started", reload, []);
  useEvent("cron.run.finished", reload, []);
  useEvent("reset", reload, []);

  const act = (job: CronJob, action: "pause" | "resume" | "trigger") => {
    setError(null);
    api.cronAction(job.id, action).then(() => {
      setNotice(action === "trigger" ? `${job.name} will run at the next tick.` : `${job.name} ${action === "pause" ? "paused" : "resumed"}.`);
      reload();
    }, (caught) => setError(describeError(caught)));
  };
  const remove = () => {
    if (!deleting) return;
    setBusy(true);
    api.deleteCronJob(deleting.id).then(() => {
      setNotice(`${deleting.name} deleted.`);
      if (selected === deleting.id) setSelected(null);
      setDeleting(null);
      reload();
    }, (caught) => { setError(describeError(caught)); setDeleting(null); }).finally(() => setBusy(false));
  };

  if (jobs.error && !jobs.data) return <div className="alert alert-bad" role="alert">{jobs.error}</div>;
  if (!jobs.data) return <p className="loading">Loading jobs…</p>;
  const items = jobs.data.items;
  const chosen = items.find((job) => job.id === selected) || null;
  return (
    <div className="cron">
      {scheduler.data && <SchedulerBanner scheduler={scheduler.data} />}
      <div className="config-toolbar">
        {can("admin") && <button className="button" type="button" onClick={() => { setEditing("new"); setNotice(null); }}>New job</button>}
        <span className="muted small">{items.length} job{items.length === 1 ? "" : "s"} in cron/jobs.json</span>
      </div>
      {notice && <div className="alert alert-good" role="status">{notice}</div>}
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {editing && (
        <JobEditor job={editing === "new" ? null : editing} onCancel={() => setEditing(null)}
          onSaved={(job, created) => { setEditing(null); setNotice(`${job.name} ${created ? "created" : "saved"}.`); setSelected(job.id); reload(); }} />
      )}
      <section aria-label="Jobs">
        {items.length === 0 ? <p className="card muted">No jobs yet. Create one, or ask the agent to schedule something.</p> : (
          <div className="cron-cards">
            {items.map((job) => (
              <JobCard key={job.id} job={job} selected={job.id === selected} onSelect={() => setSelected(job.id === selected ? null : job.id)}
                onEdit={() => { setEditing(job); setNotice(null); }} onAction={(action) => act(job, action)} onDelete={() => setDeleting(job)} />
            ))}
          </div>
        )}
      </section>
      {chosen && <RunHistory job={chosen} generation={generation} />}
      <AllProfilesJobs generation={generation} />
      {deleting && (
        <ConfirmDialog title={`Delete ${deleting.name}?`} confirmLabel="Delete" busy={busy} onConfirm={remove} onCancel={() => setDeleting(null)}>
          <p>The job leaves cron/jobs.json and its saved outputs (cron/output/{deleting.id}/) are removed.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
