import React, { useState } from "react";
import { Icon } from "../../ui/Icon";

export interface Filters {
  platform: string; state: string; archived: string; sort: string; order: string; text: string;
}

export const defaultFilters: Filters = { platform: "", state: "any", archived: "exclude", sort: "started", order: "desc", text: "" };

const platforms = ["cli", "telegram", "discord", "slack", "whatsapp", "signal", "api_server", "cron", "tui", "acp"];

export function SessionFilters({ filters, onChange, onSearch, searchText, onHousekeeping }: {
  filters: Filters; onChange: (next: Filters) => void; onSearch: (text: string) => void; searchText: string; onHousekeeping?: () => void;
}) {
  const set = (key: keyof Filters) => (event: any) => onChange({ ...filters, [key]: event.target.value });
  // On a phone the filters wait behind a button that says how many are set.
  const [open, setOpen] = useState(false);
  const changed = (Object.keys(defaultFilters) as (keyof Filters)[]).filter((key) => filters[key] !== defaultFilters[key]).length;
  return (
    <div className="filters">
      <form className="search-form" role="search" onSubmit={(event) => {
        event.preventDefault();
        const input = (event.currentTarget.elements.namedItem("q") as HTMLInputElement);
        onSearch(input.value.trim());
      }}>
        <label className="visually-hidden" htmlFor="message-search">Search messages</label>
        <input id="message-search" key={searchText} name="q" className="input" type="search" defaultValue={searchText}
               placeholder="Search messages — words, &quot;phrases&quot;, prefix*, 日本語" />
        <button type="submit" className="button">Search</button>
        {searchText && <button type="button" className="button ghost" onClick={() => onSearch("")}>Clear</button>}
        {!searchText && (
          <button type="button" className="button ghost filters-toggle" aria-expanded={open} aria-controls="session-filter-row" onClick={() => setOpen(!open)}>
            <Icon name="filter" size={15} /> Filters{changed > 0 ? ` (${changed})` : ""}
          </button>
        )}
        {!searchText && onHousekeeping && <button type="button" className="button ghost" onClick={onHousekeeping}>Housekeeping</button>}
      </form>
      {!searchText && (
        <div className={open ? "filter-row collapsible open" : "filter-row collapsible"} id="session-filter-row">
          <label>Platform
            <select className="select" value={filters.platform} onChange={set("platform")}>
              <option value="">All</option>
              {platforms.map((platform) => <option key={platform} value={platform}>{platform}</option>)}
            </select>
          </label>
          <label>State
            <select className="select" value={filters.state} onChange={set("state")}>
              <option value="any">Any</option><option value="open">Open</option><option value="ended">Ended</option>
            </select>
          </label>
          <label>Archived
            <select className="select" value={filters.archived} onChange={set("archived")}>
              <option value="exclude">Hide</option><option value="include">Show</option><option value="only">Only</option>
            </select>
          </label>
          <label>Sort
            <select className="select" value={filters.sort} onChange={set("sort")}>
              <option value="started">Started</option><option value="activity">Last activity</option><option value="cost">Cost</option>
              <option value="tokens">Tokens</option><option value="messages">Messages</option>
            </select>
          </label>
          <label>Order
            <select className="select" value={filters.order} onChange={set("order")}>
              <option value="desc">Newest / largest</option><option value="asc">Oldest / smallest</option>
            </select>
          </label>
          <label className="grow">Title or id
            <input className="input" type="text" value={filters.text} onChange={set("text")} placeholder="Filter by title or id prefix" />
          </label>
        </div>
      )}
    </div>
  );
}
