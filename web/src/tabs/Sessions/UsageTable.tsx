import { StackedTable } from "../../ui/StackedTable";
import React from "react";
import { ModelUsageRow } from "../../api";
import { compact, usd } from "../../format";

export function UsageTable({ rows }: { rows: ModelUsageRow[] }) {
  if (rows.length === 0) return null;
  return (
    <StackedTable className="usage-table">
      <caption>Usage by model and task</caption>
      <thead><tr><th scope="col">Model</th><th scope="col">Task</th><th scope="col">Calls</th><th scope="col">Tokens</th><th scope="col">Cost</th></tr></thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            <td>{row.model}{row.provider ? <span className="muted small"> · {row.provider}</span> : null}</td>
            <td>{row.isAuxiliary ? <span className="badge badge-neutral">auxiliary: {row.task}</span> : "main loop"}
              {row.source === "session_counters" ? <span className="muted small" title="Recorded only on the session row by an older agent"> (session counters)</span> : null}</td>
            <td>{row.apiCallCount}</td>
            <td>{compact(row.tokens.total)}</td>
            <td>{usd(row.cost.actualUSD ?? row.cost.estimatedUSD)}{row.cost.actualUSD !== undefined ? " reported" : " est."}</td>
          </tr>
        ))}
      </tbody>
    </StackedTable>
  );
}
