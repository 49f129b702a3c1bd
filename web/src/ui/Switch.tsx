// A real toggle switch: a checkbox with role="switch" (keyboard, forms and screen readers as a checkbox has them),
// drawn as a track and a thumb. For settings that take effect when flipped; view options stay checkboxes.
import React from "react";

export function Switch({ checked, onChange, label, disabled, id }: {
  checked: boolean; onChange: (next: boolean) => void; label: string; disabled?: boolean; id?: string;
}) {
  return (
    <input id={id} className="switch" type="checkbox" role="switch" checked={checked} aria-checked={checked} aria-label={label}
      disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
  );
}
