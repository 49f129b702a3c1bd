// The route table: the tabs in sidebar order, each with the component that renders it. The sidebar, the
// page title and what the content area shows all read this one list; adding a tab is one line here.
import { StatusTab } from "./tabs/Status/StatusTab";
import { ConfigTab } from "./tabs/Config/ConfigTab";
import { KeysTab } from "./tabs/Keys/KeysTab";
import { SessionsTab } from "./tabs/Sessions/SessionsTab";
import { LogsTab } from "./tabs/Logs/LogsTab";
import { AnalyticsTab } from "./tabs/Analytics/AnalyticsTab";
import { CronTab } from "./tabs/Cron/CronTab";
import { SkillsTab } from "./tabs/Skills/SkillsTab";
import { MemoryTab } from "./tabs/Memory/MemoryTab";
import { ToolsTab } from "./tabs/Tools/ToolsTab";
import { ChannelsTab } from "./tabs/Channels/ChannelsTab";
import { ModelsTab } from "./tabs/Models/ModelsTab";
import { ApprovalsTab } from "./tabs/Approvals/ApprovalsTab";

export interface TabInfo {
  path: string;
  label: string;
  /// The name of its icon in ui/Icon.tsx.
  icon: string;
  render: () => JSX.Element;
}

export const tabs: TabInfo[] = [
  { path: "/status", label: "Status", icon: "status", render: StatusTab },
  { path: "/config", label: "Config", icon: "config", render: ConfigTab },
  { path: "/keys", label: "API Keys", icon: "keys", render: KeysTab },
  { path: "/models", label: "Models", icon: "models", render: ModelsTab },
  { path: "/sessions", label: "Sessions", icon: "sessions", render: SessionsTab },
  { path: "/logs", label: "Logs", icon: "logs", render: LogsTab },
  { path: "/analytics", label: "Analytics", icon: "analytics", render: AnalyticsTab },
  { path: "/cron", label: "Cron", icon: "cron", render: CronTab },
  { path: "/skills", label: "Skills", icon: "skills", render: SkillsTab },
  { path: "/memory", label: "Memory", icon: "memory", render: MemoryTab },
  { path: "/tools", label: "Tools", icon: "tools", render: ToolsTab },
  { path: "/channels", label: "Channels", icon: "channels", render: ChannelsTab },
  { path: "/approvals", label: "Approvals", icon: "approvals", render: ApprovalsTab },
];

/// The tab `path` belongs to (`/sessions/abc` → Sessions), or undefined.
export function tabFor(path: string): TabInfo | undefined {
  return tabs.find((tab) => path === tab.path || path.startsWith(tab.path + "/"));
}
