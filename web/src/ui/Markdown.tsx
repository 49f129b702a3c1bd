// A small, safe Markdown renderer: builds React elements (never HTML strings) for the subset chat answers use —
// fenced code, headings, lists, quotes, paragraphs, inline code, bold, italics and http(s) links.
import React from "react";

type Block =
  | { kind: "code"; language: string; text: string }
  | { kind: "heading"; level: number; text: string }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "quote"; text: string }
  | { kind: "paragraph"; text: string };

function blocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const result: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    const fence = /^\s*(`{3,}|~{3,})\s*([\w+-]*)\s*$/.exec(line);
    if (fence) {
      const body: string[] = [];
      index += 1;
      while (index < lines.length && !lines[index].trim().startsWith(fence[1])) { body.push(lines[index]); index += 1; }
      index += 1;
      result.push({ kind: "code", language: fence[2], text: body.join("\n") });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) { result.push({ kind: "heading", level: heading[1].length, text: heading[2] }); index += 1; continue; }
    const bullet = /^\s*([-*+]|\d+[.)])\s+/;
    if (bullet.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      while (index < lines.length && bullet.test(lines[index])) { items.push(lines[index].replace(bullet, "")); index += 1; }
      result.push({ kind: "list", ordered, items });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (index < lines.length && /^\s*>/.test(lines[index])) { quoted.push(lines[index].replace(/^\s*>\s?/, "")); index += 1; }
      result.push({ kind: "quote", text: quoted.join("\n") });
      continue;
    }
    if (line.trim() === "") { index += 1; continue; }
    const paragraph: string[] = [];
    while (index < lines.length && lines[index].trim() !== "" && !/^\s*(`{3,}|~{3,}|#{1,6}\s|>|[-*+]\s|\d+[.)]\s)/.test(lines[index])) {
      paragraph.push(lines[index]);
      index += 1;
    }
    if (paragraph.length === 0) { paragraph.push(line); index += 1; }
    result.push({ kind: "paragraph", text: paragraph.join("\n") });
  }
  return result;
}

// Inline spans in one left-to-right pass (linear in the text: every search either finds its closer or proves no
// closer exists further on, and the next "]" and its link target are looked up once each), so an 800,000-character
// line of "[" renders at once instead of freezing the tab. Emphasis opens only before a non-space and closes only
// after one, so a cron line such as "15 2 * * *" stays as written.
function inline(text: string, keyPrefix: string): any[] {
  const parts: any[] = [];
  let plainStart = 0;
  let index = 0;
  const noCloser: Record<string, number> = {};
  let closeBracket = -2;
  let linkEnd: { at: number; end: number } | null = null;
  const push = (node: any, from: number, to: number) => {
    if (from > plainStart) parts.push(text.slice(plainStart, from));
    parts.push(node);
    plainStart = to;
    index = to;
  };
  const lineEnd = (from: number) => { const end = text.indexOf("\n", from); return end === -1 ? text.length : end; };
  // The closing `marker` on this line after `from`, or -1; remembers misses so no stretch is searched twice.
  const closer = (marker: string, from: number, needsNonSpaceBefore: boolean) => {
    if (noCloser[marker] !== undefined && noCloser[marker] >= from) return -1;
    const limit = lineEnd(from);
    let at = text.indexOf(marker, from);
    while (at !== -1 && at < limit && needsNonSpaceBefore && /\s/.test(text[at - 1])) at = text.indexOf(marker, at + marker.length);
    if (at === -1 || at >= limit) { noCloser[marker] = limit; return -1; }
    return at;
  };
  while (index < text.length) {
    const character = text[index];
    const key = `${keyPrefix}-${index}`;
    if (character === "`") {
      const end = closer("`", index + 1, false);
      if (end > index + 1) { push(<code key={key}>{text.slice(index + 1, end)}</code>, index, end + 1); continue; }
    } else if (character === "*" && text[index + 1] === "*" && text[index + 2] && !/\s/.test(text[index + 2])) {
      const end = closer("**", index + 2, true);
      if (end > index + 2) { push(<strong key={key}>{text.slice(index + 2, end)}</strong>, index, end + 2); continue; }
    } else if ((character === "*" || character === "_") && text[index + 1] && !/[\s*_]/.test(text[index + 1])) {
      const end = closer(character, index + 1, true);
      if (end > index + 1) { push(<em key={key}>{text.slice(index + 1, end)}</em>, index, end + 1); continue; }
    } else if (character === "[") {
      if (closeBracket < index) {
        const found = text.indexOf("]", index + 1);
        closeBracket = found === -1 || found >= lineEnd(index) ? text.length : found;
        linkEnd = null;
      }
      if (closeBracket < text.length && closeBracket > index + 1 && text[closeBracket + 1] === "(") {
        if (!linkEnd || linkEnd.at !== closeBracket) {
          const target = /^(https?:\/\/|mailto:)[^)\s]+\)/.exec(text.slice(closeBracket + 2, Math.min(text.length, closeBracket + 2050)));
          linkEnd = { at: closeBracket, end: target ? closeBracket + 2 + target[0].length : -1 };
        }
        if (linkEnd.end > 0) {
          const href = text.slice(closeBracket + 2, linkEnd.end - 1);
          push(<a key={key} href={href} target="_blank" rel="noopener noreferrer">{text.slice(index + 1, closeBracket)}</a>, index, linkEnd.end);
          continue;
        }
      }
    }
    index += 1;
  }
  if (plainStart < text.length) parts.push(text.slice(plainStart));
  return parts;
}

export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      {blocks(source).map((block, index) => {
        const key = `b${index}`;
        switch (block.kind) {
          case "code":
            return <pre key={key} className="code-block" data-language={block.language || undefined}><code>{block.text}</code></pre>;
          case "heading":
            return React.createElement(`h${Math.min(block.level + 2, 6)}`, { key }, inline(block.text, key));
          case "list":
            return React.createElement(block.ordered ? "ol" : "ul", { key },
              block.items.map((item, itemIndex) => <li key={itemIndex}>{inline(item, `${key}-${itemIndex}`)}</li>));
          case "quote":
            return <blockquote key={key}>{inline(block.text, key)}</blockquote>;
          default:
            return <p key={key}>{inline(block.text, key)}</p>;
        }
      })}
    </div>
  );
}
