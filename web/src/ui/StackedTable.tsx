// A table that turns into stacked rows on a phone: each cell is labelled with its column's heading (copied into
// data-label after every render, so the headings stay written once, in the <thead>), and the CSS lays a row out as
// "label  value" lines below 720 px. Wider screens see an ordinary table.
import React, { useLayoutEffect, useRef } from "react";

export function StackedTable({ className, children, label }: { className?: string; children: any; label?: string }) {
  const table = useRef<HTMLTableElement | null>(null);
  useLayoutEffect(() => {
    const element = table.current;
    if (!element) return;
    const headings = [...element.querySelectorAll("thead th")].map((heading) => (heading.textContent || "").trim());
    element.querySelectorAll("tbody tr").forEach((row) => {
      [...row.children].forEach((cell, index) => {
        const heading = headings[index] || "";
        if (cell.getAttribute("data-label") !== heading) cell.setAttribute("data-label", heading);
      });
    });
  });
  return <table ref={table} className={`table stack-table${className ? ` ${className}` : ""}`} aria-label={label}>{children}</table>;
}
