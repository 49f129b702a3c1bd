// The one time-zone rule: a time the agent schedules or records is shown in the agent's zone, labelled with the
// zone's abbreviation ("2 Dec, 09:00 CET"), and the reader's own local time is one hover away (the title). The
// agent's zone comes from the server (`status.workspace.agentTimeZone`, per profile); until it is known the
// browser's zone stands in, labelled just the same.
import { useEffect, useState } from "react";

let agentZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const listeners = new Set<(zone: string) => void>();

/// Sets the agent's zone (an IANA id); a zone the browser does not know is ignored.
export function setAgentZone(zone: string | undefined) {
  if (!zone || zone === agentZone) return;
  try { new Intl.DateTimeFormat(undefined, { timeZone: zone }); } catch { return; }
  agentZone = zone;
  listeners.forEach((listener) => listener(zone));
}

/// The agent's zone now.
export function currentAgentZone(): string { return agentZone; }

/// Re-renders the caller when the agent's zone becomes known or changes.
export function useAgentZone(): string {
  const [zone, setZone] = useState(agentZone);
  useEffect(() => {
    listeners.add(setZone);
    setZone(agentZone);
    return () => { listeners.delete(setZone); };
  }, []);
  return zone;
}

/// The zone's abbreviation at `date` ("CET", "EST"); a letters-only name where any locale has one, else "GMT+1".
export function zoneAbbreviation(date: Date, zone: string = agentZone): string {
  const names = ["en-US", "en-GB", undefined].map((locale) => {
    const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" }).formatToParts(date).find((p) => p.type === "timeZoneName");
    return part ? part.value : "";
  });
  return names.find((name) => /^[A-Z]{2,5}$/.test(name)) || names.find((name) => name) || zone;
}

/// `iso` in the agent's zone with its abbreviation: "2 Dec 2026, 09:00 CET".
export function agentDateTime(iso: string | undefined, options: { seconds?: boolean; year?: boolean } = {}): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (isNaN(date.getTime())) return iso;
  const text = date.toLocaleString(undefined, {
    timeZone: agentZone, year: options.year === false ? undefined : "numeric", month: "short", day: "numeric",
    hour: "2-digit", minute: "2-digit", second: options.seconds ? "2-digit" : undefined,
  });
  return `${text} ${zoneAbbreviation(date)}`;
}

/// `iso` in the reader's own zone, for the hover: "Your time: 2 Dec 2026, 03:00 EST".
export function localDateTime(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (isNaN(date.getTime())) return "";
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const text = date.toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  return `Your time: ${text} ${zoneAbbreviation(date, local)}`;
}

/// A wall-clock time the agent wrote without an offset (a cron run's file name, `2026-11-28_20-58-05`), which is
/// already in its zone: shown as "2026-11-28 20:58:05 CET".
export function agentWallTime(stamp: string): string {
  const match = /^(\d{4})-(\d\d)-(\d\d)[_ T](\d\d)[-:](\d\d)[-:](\d\d)/.exec(stamp);
  if (!match) return stamp;
  const [, y, mo, d, h, mi, s] = match;
  const approximate = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
  return `${y}-${mo}-${d} ${h}:${mi}:${s} ${zoneAbbreviation(approximate)}`;
}
