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
import { UsersTab } from "./tabs/Users/UsersTab";
import { AuditTab } from "./tabs/Audit/AuditTab";
import { AccountTab } from "./tabs/Account/AccountTab";
import { accountName, can } from "./role";

export interface TabInfo {
  path: string;
  label: string;
  /// The name of its icon in ui/Icon.tsx.
  icon: string;
  render: () => JSX.Element;
  /// Whether the signed-in person sees it (absent: everyone).
  shown?: () => boolean;
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
  { path: "/audit", label: "Audit", icon: "audit", render: AuditTab },
  { path: "/users", label: "Users", icon: "users", render: UsersTab, shown: () => can("admin") && accountName() !== null },
  { path: "/account", label: "Account", icon: "account", render: () => AccountTab({}), shown: () => accountName() !== null },
];

/// The tabs the signed-in person sees, in sidebar order.
export function visibleTabs(): TabInfo[] {
  return tabs.filter((tab) => !tab.shown || tab.shown());
}

/// The tab `path` belongs to (`/sessions/abc` → Sessions), or undefined.
export function tabFor(path: string): TabInfo | undefined {
  return visibleTabs().find((tab) => path === tab.path || path.startsWith(tab.path + "/"));
}
