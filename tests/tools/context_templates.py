#!/usr/bin/env python3
"""context_templates.py README OUTDIR

Reads the "Template context" tables of the README and writes, for every
page type, a template OUTDIR/TYPE.mustache that uses every variable the
README documents for that type (lists as sections, their fields inside).
Built with --strict, a variable the README documents but the context
lacks is an error: the README and the context cannot drift apart.
Prints how many variables each template uses.
"""
import os
import re
import sys

TYPES = ["index", "guide", "packet", "cheatsheet", "scorecard", "print",
         "debrief", "interviewer"]
HEADINGS = {
    "every page": TYPES,
    "index": ["index"],
    "guide": ["guide"],
    "candidate pages": ["packet", "cheatsheet", "scorecard", "print",
                        "debrief"],
    "cheatsheet and scorecard": ["cheatsheet", "scorecard"],
    "print": ["print"],
    "debrief": ["debrief"],
    "interviewer": ["interviewer"],
}
# Variables that the candidate-pages table lists but that only some of
# those pages have: `slot.*` is the slot of a cheat-sheet or scorecard.
ONLY = {"slot.": ["cheatsheet", "scorecard"]}


def fields(text):
    """`a`, `b[]` (`c`, `d`) -> [('a', []), ('b[]', [('c', []), ...])]"""
    out, i = [], 0
    toks = re.findall(r"`([^`]+)`|(\()|(\))", text)
    stack = [out]
    last = None
    for name, op, cl in toks:
        if op:
            if last is not None:
                stack.append(last[1])
            else:
                stack.append([])
        elif cl:
            if len(stack) > 1:
                stack.pop()
        else:
            last = (name, [])
            stack[-1].append(last)
    return out


def use(path, sub):
    """Mustache that renders the dotted path (with [] parts) and fields."""
    parts = path.split("[]")
    head, rest = parts[0], "[]".join(parts[1:])
    if len(parts) == 1:
        return "{{" + path + "}}"
    inner = ""
    if rest.startswith("."):
        inner = use(rest[1:], sub)
    else:
        for name, subsub in sub:
            if not re.fullmatch(r"[a-z_][a-z_.]*(\[\])?", name):
                continue
            inner += use(name, subsub)
    return "{{#" + head + "}}" + inner + "{{/" + head + "}}"


def main():
    readme, outdir = sys.argv[1], sys.argv[2]
    text = open(readme, encoding="utf-8").read()
    sec = text.split("### Template context", 1)[1].split("\n## ", 1)[0]
    uses = {t: [] for t in TYPES}
    for block in re.split(r"\n#### ", sec)[1:]:
        heading = block.split("\n", 1)[0]
        key = re.sub(r"\s*\(.*", "", heading).strip().lower()
        types = HEADINGS[key]
        for line in block.splitlines():
            m = re.match(r"\| (`.*?) \| (.*) \|$", line)
            if not m:
                continue
            names = re.findall(r"`([^`]+)`", m.group(1))
            sub = fields(m.group(2))
            for n in names:
                if not re.fullmatch(r"[a-z_][a-z_.\[\]]*", n):
                    continue
                for t in types:
                    if any(n.startswith(p) and t not in ts
                           for p, ts in ONLY.items()):
                        continue
                    uses[t].append(use(n, sub if n.endswith("[]") else []))
    os.makedirs(outdir, exist_ok=True)
    for t in TYPES:
        with open(os.path.join(outdir, t + ".mustache"), "w") as f:
            f.write("<!DOCTYPE html><title>{{page.title}}</title>\n")
            f.write("\n".join(uses[t]) + "\n")
        print(f"{t}: {len(uses[t])} variables")


if __name__ == "__main__":
    main()
