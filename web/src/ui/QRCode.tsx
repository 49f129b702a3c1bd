// A QR code drawn as SVG from the encoder in qr.ts (the enrollment URI never leaves the page).
import React from "react";
import { qrModules } from "./qr";

export function QRCode({ text, label }: { text: string; label: string }) {
  const modules = qrModules(text);
  const size = modules.length + 8; // a quiet zone of four modules on each side
  const path = modules.flatMap((row, y) => row.map((dark, x) => (dark ? `M${x + 4} ${y + 4}h1v1h-1z` : ""))).join("");
  return (
    <svg className="qr-code" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
