// Sessions: filters and message search above, the conversation list on the left, the open one on the right.
// The open conversation lives in the address (/sessions/<id>), so reloads and shared links land on it.
import React, { useMemo, useState } from "react";
import { Query } from "../../api";
import { navigate, usePath } from "../../router";
import { defaultFilters, Filters, SessionFilters } from "./SessionFilters";
import { SessionList } from "./SessionList";
import { SearchResultsList } from "./SearchResultsList";
import { SessionDetailPane } from "./SessionDetailPane";

export function SessionsTab() {
  const path = usePath();
  const selected = path.startsWith("/sessions/") ? decodeURIComponent(path.slice("/sessions/".length)) : null;
  const [filters, setFilters] = useState<Filters>(defaultFilters);
  const [searchText, setSearchText] = useState("");
  const [focusMessage, setFocusMessage] = useState<number | undefined>(undefined);
  const [refreshKey, setRefreshKey] = useState(0);
  const query: Query = useMemo(() => ({
    platform: filters.platform, state: filters.state === "any" ? undefined : filters.state, archived: filters.archived,
    sort: filters.sort, order: filters.order, q: filters.text.trim() || undefined,
  }), [filters]);
  const open = (id: string, messageID?: number) => {
    setFocusMessage(messageID);
    navigate(`/sessions/${encodeURIComponent(id)}`);
  };
  return (
    <div className="sessions">
      <SessionFilters filters={filters} onChange={setFilters} searchText={searchText} onSearch={setSearchText} />
      <div className={selected ? "sessions-layout with-detail" : "sessions-layout"}>
        {searchText
          ? <SearchResultsList text={searchText} onOpen={open} />
          : <SessionList query={query} selected={selected} onOpen={(id) => open(id)} refreshKey={refreshKey} />}
        {selected && (
          <SessionDetailPane key={selected} sessionID={selected} focusMessage={focusMessage} onOpen={(id) => open(id)}
                             onDeleted={() => { setRefreshKey((value) => value + 1); navigate("/sessions"); }} />
        )}
      </div>
    </div>
  );
}
