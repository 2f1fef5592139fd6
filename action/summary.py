"""Turns a `pushlint check --format json` report into what the GitHub Action needs.

    summary.py REPORT findings   prints `findings=N` (a $GITHUB_OUTPUT line)
    summary.py REPORT markdown   prints the job summary: counts and a table of the findings
"""

import json
import sys

# GitHub caps a job summary at 1 MiB; a table this long is read in the SARIF or the log anyway.
MAX_ROWS = 500


def cell(text):
    """A Markdown table cell: one line, pipes escaped (GFM requires it inside code spans too),
    and outside `code spans` nothing that a renderer would read as HTML or an escape."""
    parts = " ".join(str(text).split()).split("`")
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0 or i == len(parts) - 1:
            part = part.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
        out.append(part.replace("|", "\\|"))
    return "`".join(out)


def code(text):
    """A code span in a table cell."""
    return "`" + " ".join(str(text).split()).replace("`", "'").replace("|", "\\|") + "`"


def markdown(report):
    diags = report.get("diagnostics", [])
    s = report.get("summary", {})
    counts = f"{s.get('errors', 0)} errors, {s.get('warnings', 0)} warnings, {s.get('infos', 0)} infos"
    lines = ["## pushlint", ""]
    if not diags:
        lines += ["No findings.", ""]
        return "\n".join(lines)
    lines += [counts + ".", "", "| severity | rule | file | line | message |", "| --- | --- | --- | ---: | --- |"]
    for d in diags[:MAX_ROWS]:
        line = d.get("range", {}).get("start", {}).get("line", "")
        rule = f"[{d['code']}]({d['url']}) {d.get('name', '')}" if d.get("url") else d["code"]
        message = d["message"] + (f" (variants {d['variant']})" if d.get("variant") else "")
        lines.append(f"| {d['severity']} | {cell(rule)} | {code(d.get('file', ''))} | {line} | {cell(message)} |")
    if len(diags) > MAX_ROWS:
        lines.append(f"\n{len(diags) - MAX_ROWS} more findings are in the log.")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[2] not in ("findings", "markdown"):
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        report = json.load(f)
    if sys.argv[2] == "findings":
        print(f"findings={len(report.get('diagnostics', []))}")
    else:
        print(markdown(report))
