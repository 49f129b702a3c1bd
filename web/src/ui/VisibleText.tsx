// Text an agent wrote, shown so that it cannot hide anything: direction overrides, zero-width and other invisible
// characters, odd spaces and control characters become visible markers such as ⟨U+202E⟩, and the caller learns
// how many there were (to warn). Nothing is dropped: the markers stand exactly where the characters are.
import React from "react";

// Format characters (bidi overrides and isolates, zero-width joiners, BOM…), controls other than tab and newline,
// every space that is not a plain space, line and paragraph separators, and the Hangul fillers that render blank.
const hidden = /[\p{Cf}\p{Zs}\p{Zl}\p{Zp}\u0000-\u0008\u000b-\u001f\u007f-\u009f\u115f\u1160\u3164\uffa0]/gu;

/// The hidden characters in `text` (a plain space is not one).
export function hiddenCharacters(text: string): string[] {
  return (text.match(hidden) || []).filter((character) => character !== " ");
}

function marker(character: string): string {
  return "⟨U+" + character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0") + "⟩";
}

/// `text` with every hidden character shown as a marker.
export function VisibleText({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  text.replace(hidden, (character: string, offset: number) => {
    if (character === " ") return character;
    if (offset > last) parts.push(text.slice(last, offset));
    parts.push(<span key={offset} className="hidden-char" title="A character that would otherwise be invisible or reorder the text">{marker(character)}</span>);
    last = offset + character.length;
    return character;
  });
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
