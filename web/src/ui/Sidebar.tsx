import React from "react";
import { hrefFor, navigate } from "../router";
import { tabs } from "../tabs";

export function Sidebar({ active, badges }: { active: string; badges: Record<string, number> }) {
  return (
    <nav className="sidebar" aria-label="Workspace sections">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">☿</span>
        <span className="brand-name">Hermes Workspace</span>
      </div>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.path}>
            <a
              href={hrefFor(tab.path)}
              className={tab.path === active ? "nav-link active" : "nav-link"}
              aria-current={tab.path === active ? "page" : undefined}
              onClick={(event) => { event.preventDefault(); navigate(tab.path); }}
            >
              <span className="nav-icon" aria-hidden="true">{tab.icon}</span>
              {tab.label}
              {(badges[tab.path] || 0) > 0 && <span className="nav-badge" aria-label={`${badges[tab.path]} waiting`}>{badges[tab.path]}</span>}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
