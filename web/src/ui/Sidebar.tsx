import React from "react";
import { hrefFor, navigate } from "../router";
import { visibleTabs } from "../tabs";
import { Icon } from "./Icon";

/// The section list: a column beside the content on wide screens; on a phone, a Menu button in the header row
/// opens it as a list over the page (closed again by choosing a section).
export function Sidebar({ active, badges }: { active: string; badges: Record<string, number> }) {
  const [open, setOpen] = React.useState(false);
  const waiting = Object.values(badges).reduce((sum, count) => sum + (count || 0), 0);
  const tabs = visibleTabs();
  const current = tabs.find((tab) => tab.path === active);
  return (
    <nav className={open ? "sidebar open" : "sidebar"} aria-label="Workspace sections">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">☿</span>
        <span className="brand-name">Hermes Workspace</span>
        <button type="button" className="button ghost menu-button" aria-expanded={open} aria-controls="nav-list" onClick={() => setOpen(!open)}>
          <Icon name="menu" /> <span>{current ? current.label : "Menu"}</span>
          {waiting > 0 && <span className="nav-badge" aria-label={`${waiting} waiting`}>{waiting}</span>}
        </button>
      </div>
      <ul id="nav-list">
        {tabs.map((tab) => (
          <li key={tab.path}>
            <a
              href={hrefFor(tab.path)}
              className={tab.path === active ? "nav-link active" : "nav-link"}
              aria-current={tab.path === active ? "page" : undefined}
              onClick={(event) => { event.preventDefault(); setOpen(false); navigate(tab.path); }}
            >
              <span className="nav-icon" aria-hidden="true"><Icon name={tab.icon} /></span>
              {tab.label}
              {(badges[tab.path] || 0) > 0 && <span className="nav-badge" aria-label={`${badges[tab.path]} waiting`}>{badges[tab.path]}</span>}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
