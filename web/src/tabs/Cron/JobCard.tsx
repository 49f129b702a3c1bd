// One job as a card: its name (opens the run history), status, the schedule in words with the stored form beside
// it, next run and last result by the one time-zone rule, and compact actions (Delete in the danger style).
import React from "react";
import { CronJob, CronStatus } from "../../api";
import { can } from "../../role";
import { Badge, Tone } from "../../ui/Badge";
import { relativeTime } from "../../format";
import { When } from "../../ui/When";
import { useAgentZone } from "../../time";
import { jobFields } from "./jobView";
import { scheduleReading } from "./scheduleReading";

const tones: Record<CronStatus, Tone> = { scheduled: "good", running: "warn", paused: "neutral", failed: "bad", completed: "neutral" };

export function JobCard({ job, selected, onSelect, onEdit, onAction, onDelete }: {
  job: CronJob; selected: boolean; onSelect: () => void; onEdit: () => void;
  onAction: (action: "pause" | "resume" | "trigger") => void; onDelete: () => void;
}) {
  const zone = useAgentZone();
  const paused = job.status === "paused";
  const { prompt, schedule } = jobFields(job);
  const reading = scheduleReading(job.job.schedule, job.schedule, zone);
  return (
    <article className={`cron-card${selected ? " selected" : ""}`} data-job={job.id} aria-label={job.name}>
      <header className="cron-card-head">
        <button className="link-button cron-card-title" type="button" onClick={onSelect} aria-expanded={selected}
          title={selected ? "Hide the run history" : "Show the run history"}>{job.name}</button>
        <Badge tone={tones[job.status] || "neutral"}>{job.status}</Badge>
      </header>
      {prompt && prompt !== job.name && <p className="muted small cron-card-prompt" title={prompt}>{prompt}</p>}
      <dl className="cron-card-facts">
        <div className="cron-card-schedule">
          <dt>Schedule</dt>
          <dd><span className="cron-reading">{reading.text}</span> <code className="muted small">{schedule}</code></dd>
        </div>
        <div className="cron-next-run">
          <dt>Next run</dt>
          <dd>{paused || !job.nextRunAt ? <span className="muted">{paused ? "paused" : "none"}</span>
            : <>{relativeTime(job.nextRunAt)} <span className="muted small"><When iso={job.nextRunAt} /></span></>}</dd>
        </div>
        <div className="cron-last-run">
          <dt>Last run</dt>
          <dd>
            {job.lastStatus ? <Badge tone={job.lastStatus === "ok" ? "good" : "bad"}>{job.lastStatus}</Badge> : <span className="muted">never ran</span>}
            {job.lastRunAt && <> <span className="muted small">{relativeTime(job.lastRunAt)} · <When iso={job.lastRunAt} /></span></>}
            {job.lastError && <span className="field-error cron-card-error" title={job.lastError}>{job.lastError}</span>}
          </dd>
        </div>
      </dl>
      {can("operator") && (
        <footer className="cron-card-actions">
          <button className="button small-button" type="button" onClick={() => onAction("trigger")} disabled={job.status === "running"}>Run now</button>
          {paused ? <button className="button ghost small-button" type="button" onClick={() => onAction("resume")}>Resume</button>
            : <button className="button ghost small-button" type="button" onClick={() => onAction("pause")}>Pause</button>}
          {can("admin") && <button className="button ghost small-button" type="button" onClick={onEdit}>Edit</button>}
          {can("admin") && <button className="button danger-outline small-button" type="button" onClick={onDelete}>Delete</button>}
        </footer>
      )}
    </article>
  );
}
