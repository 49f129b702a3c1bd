// A time the agent scheduled or recorded, by the one time-zone rule (web/src/time.ts): the agent's zone with its
// abbreviation, the reader's local time on hover.
import React from "react";
import { agentDateTime, localDateTime, useAgentZone } from "../time";

export function When({ iso, seconds, className }: { iso: string | undefined; seconds?: boolean; className?: string }) {
  useAgentZone();
  if (!iso) return <span className={className}>—</span>;
  return <time className={className} dateTime={iso} title={localDateTime(iso)}>{agentDateTime(iso, { seconds })}</time>;
}
