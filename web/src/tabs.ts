// The nine tabs of the workspace, in sidebar order.
export interface TabInfo { path: string; label: string; icon: string; summary: string }

export const tabs: TabInfo[] = [
  { path: "/status", label: "Status", icon: "◉", summary: "Gateway health, platforms and host resources." },
  { path: "/config", label: "Config", icon: "⚙", summary: "View and edit config.yaml with schema validation, keeping every comment." },
  { path: "/keys", label: "API Keys", icon: "⚿", summary: "A vault over .env: masked by default, reveal on purpose, set and delete." },
  { path: "/sessions", label: "Sessions", icon: "☰", summary: "Browse and search every conversation and its tool calls." },
  { path: "/logs", label: "Logs", icon: "≡", summary: "Model calls, tool invocations and errors, followed live." },
  { path: "/analytics", label: "Analytics", icon: "▤", summary: "Tokens and cost over time, by model and platform." },
  { path: "/cron", label: "Cron", icon: "◷", summary: "Scheduled agent jobs, next runs and run history." },
  { path: "/skills", label: "Skills", icon: "✦", summary: "Installed skills: enable, disable and read them." },
  { path: "/approvals", label: "Approvals", icon: "✓", summary: "Commands waiting for a human yes or no." },
];
