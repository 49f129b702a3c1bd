// Presets beside the free-text schedule: every N minutes or hours, daily at, weekdays at, once at. Picking one, or
// changing its value, writes the schedule in the agent's grammar into the field (times are the agent's wall clock,
// labelled with its zone); the field stays the source of truth and can be edited by hand after.
import React, { useState } from "react";
import { useAgentZone, zoneAbbreviation } from "../../time";

type Kind = "minutes" | "hours" | "daily" | "weekdays" | "once";

const labels: Record<Kind, string> = { minutes: "Every N minutes", hours: "Every N hours", daily: "Daily at", weekdays: "Weekdays at", once: "Once at" };

/// Tomorrow at 09:00 as a `datetime-local` value.
function tomorrowMorning(): string {
  const date = new Date(Date.now() + 86_400_000);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T09:00`;
}

/// The schedule text for a preset and its value, or null while the value is not usable.
export function presetSchedule(kind: Kind, value: string): string | null {
  if (kind === "minutes" || kind === "hours") {
    const count = Number(value);
    return Number.isInteger(count) && count >= 1 && count <= (kind === "minutes" ? 1440 : 168) ? `every ${count}${kind === "minutes" ? "m" : "h"}` : null;
  }
  if (kind === "once") return /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value) ? value : null;
  const time = /^(\d\d):(\d\d)$/.exec(value);
  if (!time) return null;
  return `${Number(time[2])} ${Number(time[1])} * * ${kind === "weekdays" ? "1-5" : "*"}`;
}

export function SchedulePresets({ onPick }: { onPick: (schedule: string) => void }) {
  const zone = useAgentZone();
  const [kind, setKind] = useState<Kind | null>(null);
  const [values, setValues] = useState<Record<Kind, string>>({ minutes: "30", hours: "2", daily: "09:00", weekdays: "09:00", once: tomorrowMorning() });
  const apply = (next: Kind, value: string) => {
    const schedule = presetSchedule(next, value);
    if (schedule) onPick(schedule);
  };
  const choose = (next: Kind) => { setKind(next); apply(next, values[next]); };
  const change = (value: string) => {
    if (!kind) return;
    setValues((current) => ({ ...current, [kind]: value }));
    apply(kind, value);
  };
  const abbreviation = zoneAbbreviation(new Date(), zone);
  return (
    <div className="schedule-presets" role="group" aria-label="Schedule presets">
      {(Object.keys(labels) as Kind[]).map((option) => (
        <button key={option} type="button" className={`chip${kind === option ? " active" : ""}`} aria-pressed={kind === option} onClick={() => choose(option)}>
          {labels[option]}
        </button>
      ))}
      {kind === "minutes" || kind === "hours" ? (
        <input className="input" type="number" min={1} max={kind === "minutes" ? 1440 : 168} value={values[kind]} aria-label={kind === "minutes" ? "Minutes between runs" : "Hours between runs"}
          onChange={(event) => change(event.target.value)} />
      ) : kind === "daily" || kind === "weekdays" ? (
        <label className="small muted"><input className="input" type="time" value={values[kind]} aria-label={`Time of day (${abbreviation})`}
          onChange={(event) => change(event.target.value)} /> {abbreviation}</label>
      ) : kind === "once" ? (
        <label className="small muted"><input className="input" type="datetime-local" value={values.once} aria-label={`Date and time (${abbreviation})`}
          onChange={(event) => change(event.target.value)} /> {abbreviation}</label>
      ) : null}
    </div>
  );
}
