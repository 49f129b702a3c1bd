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

const inlinePattern = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(\*[^*\n]+\*|_[^_\n]+_)|(\[[^\]\n]+\]\((?:https?:\/\/|mailto:)[^)\s]+\))/g;

function inline(text: string, keyPrefix: string): any[] {
  const parts: any[] = [];
  let last = 0;
  let match: RegExpExecArray | null;
  inlinePattern.lastIndex = 0;
  while ((match = inlinePattern.exec(text)) !== null) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const token = match[0];
    const key = `${keyPrefix}-${match.index}`;
    if (match[1]) parts.push(<code key={key}>{token.slice(1, -1)}</code>);
    else if (match[2]) parts.push(<strong key={key}>{token.slice(2, -2)}</strong>);
    else if (match[3]) parts.push(<em key={key}>{token.slice(1, -1)}</em>);
    else {
      const link = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(token)!;
      parts.push(<a key={key} href={link[2]} target="_blank" rel="noopener noreferrer">{link[1]}</a>);
    }
    last = match.index + token.length;
  }
  if (last < text.length) parts.push(text.slice(last));
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
