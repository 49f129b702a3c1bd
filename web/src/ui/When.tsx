// A time the agent scheduled or recorded, by the one time-zone rule (web/src/time.ts): the agent's zone with its
// abbreviation, the reader's local time on hover.
import React from "react";
import { agentDateTime, localDateTime, useAgentZone } from "../time";
import { relativeTime } from "../format";

/// `relative` shows "3h 5m ago" with the agent's time and the reader's in the hover.
export function When({ iso, seconds, relative, className }: { iso: string | undefined; seconds?: boolean; relative?: boolean; className?: string }) {
  useAgentZone();
  if (!iso) return <span className={className}>—</span>;
  if (relative) {
    return <time className={className} dateTime={iso} title={`${agentDateTime(iso, { seconds })} · ${localDateTime(iso)}`}>{relativeTime(iso)}</time>;
  }
  return <time className={className} dateTime={iso} title={localDateTime(iso)}>{agentDateTime(iso, { seconds })}</time>;
}
