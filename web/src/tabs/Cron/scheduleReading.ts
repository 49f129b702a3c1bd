// A schedule in words, as a person says it: "Weekdays at 09:00 CET", "Every 30 minutes", "Once, 24 Dec 2026,
// 18:00 CET". Times of day are the agent's (cron expressions run on its wall clock), labelled with its zone by the
// one time-zone rule (web/src/time.ts). A schedule with no short reading says "Custom schedule" and the card shows
// the expression beside it.
import { Json } from "../../api";
import { agentDateTime, zoneAbbreviation } from "../../time";

const dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const shortDays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function plural(count: number, unit: string): string {
  return count === 1 ? `Every ${unit}` : `Every ${count} ${unit}s`;
}

/// "1st", "2nd", "23rd".
export function ordinal(day: number): string {
  const tens = day % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ["th", "st", "nd", "rd"][day % 10] || "th";
  return `${day}${suffix}`;
}

/// Minutes as a reading: "Every 30 minutes", "Every 2 hours", "Every day".
export function intervalReading(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return plural(minutes / 1440, "day");
  if (minutes > 0 && minutes % 60 === 0) return plural(minutes / 60, "hour");
  return plural(minutes, "minute");
}

/// The days of a cron day-of-week field, or null when it is not a plain list or range ("1-5" → [1..5]).
function weekdays(field: string): number[] | null {
  const days = new Set<number>();
  for (const part of field.split(",")) {
    const range = /^([0-7])(?:-([0-7]))?$/.exec(part);
    if (!range) return null;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from) return null;
    for (let day = from; day <= to; day++) days.add(day % 7);
  }
  return [...days].sort((a, b) => a - b);
}

/// A five-field cron expression in words, or null when it has no short reading.
export function cronReading(expression: string, zone?: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  const number = (text: string, max: number) => (/^\d{1,2}$/.test(text) && Number(text) <= max ? Number(text) : null);
  const step = (text: string) => { const match = /^\*\/(\d{1,3})$/.exec(text); return match ? Number(match[1]) : null; };
  const m = number(minute, 59);
  const h = number(hour, 23);
  const everyDay = dayOfMonth === "*" && month === "*" && dayOfWeek === "*";
  if (everyDay && minute === "*" && hour === "*") return "Every minute";
  if (everyDay && step(minute) !== null && hour === "*") return intervalReading(step(minute) as number);
  if (everyDay && m !== null && hour === "*") return m === 0 ? "Every hour, on the hour" : `Every hour at :${String(m).padStart(2, "0")}`;
  if (everyDay && m !== null && step(hour) !== null) {
    return `${intervalReading((step(hour) as number) * 60)}${m === 0 ? "" : ` at :${String(m).padStart(2, "0")}`}`;
  }
  if (m === null || h === null || month !== "*") return null;
  const at = `at ${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")} ${zoneAbbreviation(new Date(), zone)}`;
  if (everyDay) return `Daily ${at}`;
  if (dayOfWeek === "*") {
    const day = number(dayOfMonth, 31);
    return day !== null && day >= 1 ? `Monthly on the ${ordinal(day)} ${at}` : null;
  }
  if (dayOfMonth !== "*") return null;
  const days = weekdays(dayOfWeek);
  if (!days || days.length === 0) return null;
  if (days.join() === "1,2,3,4,5") return `Weekdays ${at}`;
  if (days.join() === "0,6") return `Weekends ${at}`;
  if (days.length === 7) return `Daily ${at}`;
  if (days.length === 1) return `Every ${dayNames[days[0]]} ${at}`;
  return `${days.map((day) => shortDays[day]).join(", ")} ${at}`;
}

/// The stored schedule of a job (`jobs.json`'s `schedule` object) in words; `fallback` is the server's display.
export function scheduleReading(stored: Json | undefined, fallback: string, zone?: string): { text: string; custom: boolean } {
  const record = stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
  if (record.kind === "interval" && typeof record.minutes === "number") return { text: intervalReading(record.minutes), custom: false };
  if (record.kind === "once" && typeof record.run_at === "string") return { text: `Once, ${agentDateTime(record.run_at)}`, custom: false };
  const expression = record.kind === "cron" && typeof record.expr === "string" ? record.expr : fallback;
  const reading = cronReading(expression, zone);
  return reading ? { text: reading, custom: false } : { text: "Custom schedule", custom: true };
}
