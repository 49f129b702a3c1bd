// Sessions: filters and message search above, the conversation list on the left, the open one on the right.
// The open conversation, the message search and the message a search hit points at live in the address
// (/sessions/<id>?search=…&message=…), so reloads and shared links land on the same view.
import React, { useMemo, useState } from "react";
import { Query } from "../../api";
import { navigate, usePath, useSearchParams } from "../../router";
import { defaultFilters, Filters, SessionFilters } from "./SessionFilters";
import { SessionList } from "./SessionList";
import { SearchResultsList } from "./SearchResultsList";
import { SessionDetailPane } from "./SessionDetailPane";
import { Housekeeping } from "./Housekeeping";

export function SessionsTab() {
  const path = usePath();
  const selected = path.startsWith("/sessions/") ? decodeURIComponent(path.slice("/sessions/".length)) : null;
  const params = useSearchParams();
  const searchText = params.get("search") || "";
  const focusMessage = params.get("message") ? Number(params.get("message")) : undefined;
  const [filters, setFilters] = useState<Filters>(defaultFilters);
  const [refreshKey, setRefreshKey] = useState(0);
  const [housekeeping, setHousekeeping] = useState(false);
  const query: Query = useMemo(() => ({
    platform: filters.platform, state: filters.state === "any" ? undefined : filters.state, archived: filters.archived,
    sort: filters.sort, order: filters.order, q: filters.text.trim() || undefined,
  }), [filters]);
  const searchSuffix = (messageID?: number) => {
    const query = new URLSearchParams();
    if (searchText) query.set("search", searchText);
    if (messageID !== undefined) query.set("message", String(messageID));
    const text = query.toString();
    return text ? `?${text}` : "";
  };
  const open = (id: string, messageID?: number) => navigate(`/sessions/${encodeURIComponent(id)}${searchSuffix(messageID)}`);
  const setSearchText = (text: string) => {
    const query = text ? `?search=${encodeURIComponent(text)}` : "";
    navigate(`${selected ? `/sessions/${encodeURIComponent(selected)}` : "/sessions"}${query}`);
  };
  return (
    <div className={selected ? "sessions detail-open" : "sessions"}>
      <SessionFilters filters={filters} onChange={setFilters} searchText={searchText} onSearch={setSearchText}
                      onHousekeeping={() => setHousekeeping(!housekeeping)} />
      {housekeeping && <Housekeeping onChanged={() => setRefreshKey((value) => value + 1)} onClose={() => setHousekeeping(false)} />}
      <div className={selected ? "sessions-layout with-detail" : "sessions-layout"}>
        {searchText
          ? <SearchResultsList key={searchText} text={searchText} onOpen={open} hrefFor={(id, messageID) => `/sessions/${encodeURIComponent(id)}${searchSuffix(messageID)}`} />
          : <SessionList query={query} selected={selected} onOpen={(id) => open(id)} refreshKey={refreshKey} />}
        {selected && (
          <SessionDetailPane key={selected} sessionID={selected} focusMessage={focusMessage} onOpen={(id) => open(id)}
                             onDeleted={() => { setRefreshKey((value) => value + 1); navigate("/sessions"); }}
                             onBack={() => navigate(`/sessions${searchSuffix()}`)} onEdited={() => setRefreshKey((value) => value + 1)} />
        )}
      </div>
    </div>
  );
}
