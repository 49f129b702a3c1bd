// A stacked bar chart in SVG: one bar per bucket, one colour per series, a tooltip on hover or keyboard focus,
// an accessible summary, and the numbers as a table for screen readers.
import React, { useState } from "react";

export interface Series { key: string; label: string; color: string }
export interface BarDatum { label: string; values: Record<string, number> }

const width = 760;
const height = 220;
const margin = { top: 12, right: 12, bottom: 28, left: 56 };

/// Round ticks for an axis up to `value`: a step of 1, 2 or 5 times a power of ten giving at most five intervals, and
/// the top tick the first multiple of it at or above `value` (so 250k reads 0/50k/…/250k, never 63k/125k).
export function niceTicks(value: number): { maximum: number; ticks: number[] } {
  if (!(value > 0)) return { maximum: 1, ticks: [0, 0.25, 0.5, 0.75, 1] };
  const rough = value / 5;
  const magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
  const step = ([1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough)) || 10 * magnitude;
  const maximum = Math.ceil(value / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let tick = 0; tick <= maximum + step / 2; tick += step) ticks.push(Math.round(tick / step) * step);
  return { maximum, ticks };
}

export function StackedBarChart({ title, series, data, format }: {
  title: string; series: Series[]; data: BarDatum[]; format: (value: number) => string;
}) {
  const [hover, setHover] = useState<number | null>(null);
  const totals = data.map((datum) => series.reduce((sum, item) => sum + (datum.values[item.key] || 0), 0));
  const { maximum, ticks } = niceTicks(Math.max(0, ...totals));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const slot = data.length ? plotWidth / data.length : plotWidth;
  const barWidth = Math.max(1, Math.min(28, slot * 0.72));
  const y = (value: number) => margin.top + plotHeight - (value / maximum) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(data.length / 10));
  const peak = totals.length ? totals.indexOf(Math.max(...totals)) : -1;
  const summary = data.length === 0 ? `${title}: no data.`
    : `${title}: ${data.length} buckets from ${data[0].label} to ${data[data.length - 1].label}; total ${format(totals.reduce((a, b) => a + b, 0))}; peak ${format(totals[peak])} on ${data[peak].label}.`;
  return (
    <figure className="chart">
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        <span className="legend">{series.map((item) => <span key={item.key}><i style={{ background: item.color }} />{item.label}</span>)}</span>
      </figcaption>
      <div className="chart-frame">
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} preserveAspectRatio="none">
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} className="grid-line" />
              <text x={margin.left - 6} y={y(tick) + 4} textAnchor="end" className="axis-label">{format(tick)}</text>
            </g>
          ))}
          {data.map((datum, index) => {
            let stacked = 0;
            const x = margin.left + index * slot + (slot - barWidth) / 2;
            return (
              <g key={datum.label} tabIndex={0} className="bar" role="img" aria-label={`${datum.label}: ${format(totals[index])}`}
                 onMouseEnter={() => setHover(index)} onMouseLeave={() => setHover(null)} onFocus={() => setHover(index)} onBlur={() => setHover(null)}>
                <rect x={margin.left + index * slot} y={margin.top} width={slot} height={plotHeight} className="bar-hit" />
                {series.map((item) => {
                  const value = datum.values[item.key] || 0;
                  const top = y(stacked + value);
                  const rect = <rect key={item.key} x={x} y={top} width={barWidth} height={Math.max(0, y(stacked) - top)} style={{ fill: item.color }} />;
                  stacked += value;
                  return rect;
                })}
                {index % labelEvery === 0 && <text x={x + barWidth / 2} y={height - 8} textAnchor="middle" className="axis-label">{datum.label}</text>}
              </g>
            );
          })}
        </svg>
        {hover !== null && data[hover] && (
          <div className="tooltip" role="status" style={{ left: `${((margin.left + (hover + 0.5) * slot) / width) * 100}%` }}>
            <strong>{data[hover].label}</strong>
            {series.map((item) => <div key={item.key}><i style={{ background: item.color }} />{item.label}: {format(data[hover].values[item.key] || 0)}</div>)}
            <div>Total: {format(totals[hover])}</div>
          </div>
        )}
      </div>
      {/* Wrapped: a table is as wide as its content whatever its width says, so the clip is on a box around it. */}
      <div className="visually-hidden"><table>
        <caption>{title}</caption>
        <thead><tr><th>Bucket</th>{series.map((item) => <th key={item.key}>{item.label}</th>)}</tr></thead>
        <tbody>{data.map((datum) => <tr key={datum.label}><td>{datum.label}</td>{series.map((item) => <td key={item.key}>{format(datum.values[item.key] || 0)}</td>)}</tr>)}</tbody>
      </table></div>
    </figure>
  );
}
