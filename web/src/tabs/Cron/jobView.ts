// The one place the Cron tab reads the agent's own job record (`job.job`, snake_case as jobs.json stores it):
// everything else uses these camelCase fields, so a change in the agent's format is a change here.
import { CronJob, Json } from "../../api";

export interface JobFields {
  prompt: string;
  /// The schedule as the operator wrote it (`schedule_display`), else the server's reading.
  schedule: string;
  skills: string[];
  model: string;
  deliver: string;
  /// How many runs are left; null for forever.
  repeatTimes: number | null;
}

function text(value: Json | undefined): string {
  return typeof value === "string" ? value : "";
}

export function jobFields(job: CronJob): JobFields {
  const record = job.job;
  const repeat = record.repeat;
  const times = repeat && typeof repeat === "object" && !Array.isArray(repeat) ? repeat.times : null;
  return {
    prompt: text(record.prompt),
    schedule: text(record.schedule_display) || job.schedule,
    skills: Array.isArray(record.skills) ? record.skills.filter((skill): skill is string => typeof skill === "string") : [],
    model: text(record.model),
    deliver: text(record.deliver) || "local",
    repeatTimes: typeof times === "number" ? times : null,
  };
}

/// What a new job starts with.
export const newJobFields: JobFields = { prompt: "", schedule: "every 1h", skills: [], model: "", deliver: "local", repeatTimes: null };
