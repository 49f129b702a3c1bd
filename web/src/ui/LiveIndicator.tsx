// The header's dot: whether live updates are flowing.
import React from "react";
import { useConnectionState } from "../events";

const labels = { live: "Live", connecting: "Connecting…", offline: "Reconnecting…" };

export function LiveIndicator() {
  const state = useConnectionState();
  return (
    <span className={`live-indicator live-${state}`} role="status" aria-live="polite"
      title={state === "live" ? "Changes on disk appear here as they happen." : "Live updates are paused; pages refresh on their own meanwhile."}>
      <i aria-hidden="true" />{labels[state]}
    </span>
  );
}
