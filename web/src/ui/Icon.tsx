// Inline SVG icons (stroke, currentColor): they render the same everywhere, unlike font glyphs that a system may
// not have (the API Keys icon was an empty box on some machines).
import React from "react";

const paths: Record<string, string[]> = {
  status: ["M3 12h4l3-8 4 16 3-8h4"],
  config: ["M4 6h10", "M18 6h2", "M4 12h4", "M12 12h8", "M4 18h12", "M20 18h0", "M16 4v4", "M10 10v4", "M18 16v4"],
  keys: ["M14.5 9.5a4.5 4.5 0 1 0-3.2 4.3L13 15.5h2v2h2v2h3v-3l-5.7-5.7a4.5 4.5 0 0 0 .2-1.3z", "M8.5 8.5h.01"],
  sessions: ["M4 5h16v10H9l-5 4z"],
  logs: ["M5 6h14", "M5 10h14", "M5 14h10", "M5 18h12"],
  analytics: ["M5 20V11", "M10 20V5", "M15 20v-7", "M20 20V9", "M3 20h18"],
  cron: ["M12 7v5l3 2", "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z"],
  skills: ["M12 3l2.6 5.6L20 9.4l-4 4 1 5.6-5-2.8-5 2.8 1-5.6-4-4 5.4-.8z"],
  approvals: ["M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6z", "M9 12l2 2 4-4"],
  memory: ["M9 4a3 3 0 0 0-3 3v1a3 3 0 0 0-2 5 3 3 0 0 0 2 5v1a3 3 0 0 0 6 0V4.5A.5.5 0 0 0 12 4z", "M15 4a3 3 0 0 1 3 3v1a3 3 0 0 1 2 5 3 3 0 0 1-2 5v1a3 3 0 0 1-6 0"],
  tools: ["M14.7 6.3a4 4 0 0 0-5.4 5.4L4 17l3 3 5.3-5.3a4 4 0 0 0 5.4-5.4l-2.4 2.4-2.6-.4-.4-2.6z"],
  channels: ["M4 4h16v11H8l-4 4z", "M8 9h8", "M8 12h5"],
  models: ["M12 3l8 4.5v9L12 21l-8-4.5v-9z", "M12 12l8-4.5", "M12 12v9", "M12 12L4 7.5"],
  menu: ["M4 7h16", "M4 12h16", "M4 17h16"],
  audit: ["M7 3h8l4 4v14H7z", "M15 3v4h4", "M10 12h6", "M10 16h6"],
  users: ["M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z", "M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6", "M16 4.5a3.5 3.5 0 0 1 0 6.5", "M18 14.5c1.8.8 3 2.6 3 5.5"],
  account: ["M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8"],
  terminal: ["M4 5h16v14H4z", "M8 10l2.5 2L8 14", "M13 14h3"],
  back: ["M15 5l-7 7 7 7"],
  filter: ["M4 6h16", "M7 12h10", "M10 18h4"],
};

export type IconName = keyof typeof paths;

export function Icon({ name, size = 18 }: { name: string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8"
      stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      {(paths[name] || []).map((d) => <path key={d} d={d} />)}
    </svg>
  );
}
