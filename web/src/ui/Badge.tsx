import React from "react";

export type Tone = "good" | "warn" | "bad" | "neutral";

export function Badge({ tone, children }: { tone: Tone; children: any }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
