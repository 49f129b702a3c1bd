import React from "react";
import { TabInfo } from "../../tabs";

export function ComingSoon({ tab }: { tab: TabInfo }) {
  return (
    <section className="card empty-state">
      <div className="empty-icon" aria-hidden="true">{tab.icon}</div>
      <h2>{tab.label} is on its way</h2>
      <p className="muted">{tab.summary}</p>
      <p className="muted small">This tab is not built yet. The Status tab and the <code>/api/v1</code> API are ready to use.</p>
    </section>
  );
}
