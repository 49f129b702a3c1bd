// What the Config form's section list says about each top-level section: a human label beside the raw key, how
// many of its settings config.yaml sets, and how many unsaved edits it holds.
import { Json, JsonSchema } from "../../api";
import { Pending } from "./pending";
import { valueAt } from "./schema";

const labels: Record<string, string> = {
  model: "Main model", timezone: "Time zone", approvals: "Approvals", skills: "Skills", logging: "Logging", display: "Display",
  agent: "Agent behaviour", terminal: "Terminal backend", memory: "Memory", cron: "Cron", gateway: "Gateway", dashboard: "Dashboard",
  sessions: "Sessions", security: "Security", auxiliary: "Auxiliary models", tts: "Text to speech", stt: "Speech to text",
  mcp_servers: "MCP servers", platforms: "Messaging platforms", platform_toolsets: "Toolsets per platform", providers: "Providers",
  custom_providers: "Custom providers", browser: "Browser", compression: "Context compression", delegation: "Delegation",
  plugins: "Plugins", command_allowlist: "Command allowlist", toolsets: "Toolsets", web: "Web tools", voice: "Voice",
  privacy: "Privacy", checkpoints: "Checkpoints", honcho: "Honcho memory",
};

/// "Text to speech" for `tts`; an unknown key in words ("smart_model_routing" → "Smart model routing").
export function sectionLabel(name: string): string {
  if (labels[name]) return labels[name];
  const words = name.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/// The leaf settings under `schema` at `path` (a mapping of settings counts its settings; a free-form one is one).
function leaves(path: string[], schema: JsonSchema): string[][] {
  return schema.properties ? Object.entries(schema.properties).flatMap(([key, child]) => leaves([...path, key], child)) : [path];
}

export interface SectionFacts { name: string; label: string; settings: number; set: number; unsaved: number }

export function sectionFacts(name: string, schema: JsonSchema, file: { [key: string]: Json }, pending: Pending): SectionFacts {
  const paths = leaves([name], schema);
  const set = paths.filter((path) => valueAt(file, path) !== undefined).length;
  const unsaved = [...pending.values()].filter((operation) => operation.path[0] === name).length;
  return { name, label: sectionLabel(name), settings: paths.length, set, unsaved };
}
