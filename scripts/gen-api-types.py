#!/usr/bin/env python3
"""Writes web/src/api.gen.ts: one TypeScript type per schema under components/schemas in openapi.yaml.

The front end's client (web/src/api.ts) takes its wire types from this file, so the spec is the one place a shape
is written down; CI regenerates it and fails when the committed file differs (`scripts/gen-api-types.py --check`).
Optional properties become `name?: T`; a property whose type includes "null" becomes `name?: T | null`.
"""
import json
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
OUT = ROOT / "web" / "src" / "api.gen.ts"
PRIMITIVE = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean", "null": "null"}


def ts(schema, indent):
    """The TypeScript type for a JSON Schema fragment."""
    if not schema:
        return "Json"
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[1]
    if "const" in schema:
        return json.dumps(schema["const"])
    if "enum" in schema:
        return " | ".join(json.dumps(value) for value in schema["enum"])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return " | ".join(ts(part, indent) for part in schema[key])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " | ".join(ts({**schema, "type": single}, indent) for single in kind)
    if kind == "array":
        item = ts(schema.get("items", {}), indent)
        return f"({item})[]" if "|" in item else f"{item}[]"
    if kind == "object" or "properties" in schema:
        return obj(schema, indent)
    if kind in PRIMITIVE:
        return PRIMITIVE[kind]
    return "Json"


def obj(schema, indent):
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties")
    if not properties:
        if extra is False:
            return "Record<string, never>"
        return "{ [key: string]: " + (ts(extra, indent) if isinstance(extra, dict) else "Json") + " }"
    required = set(schema.get("required", []))
    pad = "  " * (indent + 1)
    lines = []
    for name, field in properties.items():
        key = name if name.isidentifier() else json.dumps(name)
        lines.append(f"{pad}{key}{'' if name in required else '?'}: {ts(field, indent + 1)};")
    if isinstance(extra, dict):
        lines.append(f"{pad}[key: string]: {ts(extra, indent + 1)} | undefined;")
    return "{\n" + "\n".join(lines) + "\n" + "  " * indent + "}"


def render():
    spec = yaml.safe_load(SPEC.read_text())
    out = [
        "// Generated from openapi.yaml by scripts/gen-api-types.py; do not edit. CI fails when this file is stale.",
        "",
        "export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };",
    ]
    for name, schema in spec["components"]["schemas"].items():
        out.append("")
        if schema.get("description"):
            out.append("/** " + " ".join(str(schema["description"]).split()).replace("*/", "*\\/") + " */")
        body = ts(schema, 0)
        out.append(f"export interface {name} {body}" if body.startswith("{\n") else f"export type {name} = {body};")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text() != text:
            sys.exit(f"{OUT.relative_to(ROOT)} is stale: run scripts/gen-api-types.py and commit the result")
    else:
        OUT.write_text(text)
