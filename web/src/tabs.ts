// The nine tabs of the workspace, in sidebar order.
export interface TabInfo { path: string; label: string; icon: string }

export const tabs: TabInfo[] = [
  { path: "/status", label: "Status", icon: "◉" },
  { path: "/config", label: "Config", icon: "⚙" },
  { path: "/keys", label: "API Keys", icon: "⚿" },
  { path: "/sessions", label: "Sessions", icon: "☰" },
  { path: "/logs", label: "Logs", icon: "≡" },
  { path: "/analytics", label: "Analytics", icon: "▤" },
  { path: "/cron", label: "Cron", icon: "◷" },
  { path: "/skills", label: "Skills", icon: "✦" },
  { path: "/approvals", label: "Approvals", icon: "✓" },
];
