// One job in the list: status chip, schedule, next run (relative and absolute), last result, and its actions.
import { When } from "../../ui/When";
import React from "react";
import { CronJob, CronStatus } from "../../api";
import { Badge, Tone } from "../../ui/Badge";
import { dateTime, relativeTime } from "../../format";
import { jobFields } from "./jobView";

const tones: Record<CronStatus, Tone> = { scheduled: "good", running: "warn", paused: "neutral", failed: "bad", completed: "neutral" };

export function JobRow({ job, selected, onSelect, onEdit, onAction, onDelete }: {
  job: CronJob; selected: boolean; onSelect: () => void; onEdit: () => void;
  onAction: (action: "pause" | "resume" | "trigger") => void; onDelete: () => void;
}) {
  const paused = job.status === "paused";
  const { prompt } = jobFields(job);
  return (
    <tr className={selected ? "selected" : undefined} data-job={job.id}>
      <td>
        <button className="link-button" type="button" onClick={onSelect} aria-expanded={selected}>{job.name}</button>
        {prompt && prompt !== job.name && <div className="muted small clip">{prompt}</div>}
      </td>
      <td><Badge tone={tones[job.status] || "neutral"}>{job.status}</Badge></td>
      <td><code>{job.schedule}</code></td>
      <td title={dateTime(job.nextRunAt)}>{paused || !job.nextRunAt ? "—" : <>{relativeTime(job.nextRunAt)}<div className="muted small"><When iso={job.nextRunAt} /></div></>}</td>
      <td>
        {job.lastStatus ? <Badge tone={job.lastStatus === "ok" ? "good" : "bad"}>{job.lastStatus}</Badge> : <span className="muted">never ran</span>}
        {job.lastRunAt && <div className="muted small">{relativeTime(job.lastRunAt)} · <When iso={job.lastRunAt} /></div>}
        {job.lastError && <div className="field-error clip" title={job.lastError}>{job.lastError}</div>}
      </td>
      <td className="row-actions">
        <button className="button ghost small-button" type="button" onClick={onEdit}>Edit</button>
        {paused ? <button className="button ghost small-button" type="button" onClick={() => onAction("resume")}>Resume</button>
          : <button className="button ghost small-button" type="button" onClick={() => onAction("pause")}>Pause</button>}
        <button className="button ghost small-button" type="button" onClick={() => onAction("trigger")} disabled={job.status === "running"}>Run now</button>
        <button className="button danger-outline small-button" type="button" onClick={onDelete}>Delete</button>
      </td>
    </tr>
  );
}
