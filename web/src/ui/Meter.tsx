import React, { useEffect, useRef } from "react";

// A horizontal usage bar; the width is set through the CSSOM, which the CSP allows.
export function Meter({ percent, label }: { percent: number; label: string }) {
  const fill = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (fill.current) fill.current.style.width = `${Math.min(100, Math.max(0, percent))}%`;
  }, [percent]);
  const tone = percent >= 90 ? "bad" : percent >= 75 ? "warn" : "good";
  return (
    <div className="meter" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <div ref={fill} className={`meter-fill meter-${tone}`} />
    </div>
  );
}
