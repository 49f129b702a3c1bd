import React from "react";

export interface Range { preset: string; from: string; to: string; bucket: string }

export const presets = [["7d", 7], ["30d", 30], ["90d", 90], ["365d", 365]] as const;

export function RangePicker({ range, onChange, timeZone }: { range: Range; onChange: (next: Range) => void; timeZone?: string }) {
  return (
    <div className="range-picker" role="group" aria-label="Time range">
      {presets.map(([label]) => (
        <button key={label} type="button" className={range.preset === label ? "button" : "button ghost"} aria-pressed={range.preset === label}
                onClick={() => onChange({ ...range, preset: label })}>{label}</button>
      ))}
      <button type="button" className={range.preset === "custom" ? "button" : "button ghost"} aria-pressed={range.preset === "custom"}
              onClick={() => onChange({ ...range, preset: "custom" })}>Custom</button>
      {range.preset === "custom" && (
        <>
          <label>From <input className="input" type="date" value={range.from} onChange={(event) => onChange({ ...range, from: event.target.value })} /></label>
          <label>To <input className="input" type="date" value={range.to} onChange={(event) => onChange({ ...range, to: event.target.value })} /></label>
        </>
      )}
      <label>Bucket
        <select className="select" value={range.bucket} onChange={(event) => onChange({ ...range, bucket: event.target.value })}>
          <option value="day">Day</option><option value="week">Week</option><option value="month">Month</option>
        </select>
      </label>
      {timeZone && <span className="muted small">Buckets in {timeZone}</span>}
    </div>
  );
}
