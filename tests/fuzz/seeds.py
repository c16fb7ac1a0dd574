#!/usr/bin/env python3
"""seeds.py TARGET DIR [SHARED]: write seed inputs for fuzz target TARGET
(yaml, markdown, mustache, candidate, site) into DIR, made from the
project's own example content, the fixtures in tests/ and, when SHARED
holds them, the Mustache specification and the guide corpus. Run from
the project root. The archive format is the one tests/fuzz/fuzz.h reads.
"""
import glob
import hashlib
import json
import os
import sys


def archive(entries):
    """Packs (name, text) pairs as "@@ name" sections."""
    out = []
    for name, text in entries:
        out.append("@@ %s\n" % name)
        out.append(text if text.endswith("\n") or not text else text + "\n")
    return "".join(out)


def read(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return f.read()


def sites():
    """Yields (root, [(rel, text)]) for every example and fixture site."""
    roots = ["."] + sorted(glob.glob("tests/fixtures/sites/*"))
    for root in roots:
        files = []
        for sub in ("site.yaml",):
            if os.path.isfile(os.path.join(root, sub)):
                files.append((sub, read(os.path.join(root, sub))))
        for sub in ("content", "templates"):
            for d, _, names in sorted(os.walk(os.path.join(root, sub))):
                for n in sorted(names):
                    p = os.path.join(d, n)
                    files.append((os.path.relpath(p, root), read(p)))
        if files:
            yield root, files


def guides(shared):
    found = sorted(glob.glob("content/**/*.md", recursive=True))
    found += sorted(glob.glob("tests/fixtures/**/*.md", recursive=True))
    if shared:
        found += sorted(glob.glob(os.path.join(shared, "corpus/guides/*.md")))[:40]
    return found


def spec_tests(shared):
    """Yields archives from the Mustache specification's tests (when
    python3-yaml is there to read them)."""
    if not shared:
        return
    try:
        import yaml
    except ImportError:
        return
    for path in sorted(glob.glob(os.path.join(shared, "mustache-spec/*.yml"))):
        if "lambdas" in path:
            continue
        with open(path, encoding="utf-8") as f:
            spec = yaml.safe_load(f)
        for t in spec.get("tests", []):
            entries = [("main", t["template"]), ("data", json.dumps(t["data"]))]
            for name, text in sorted(t.get("partials", {}).items()):
                entries.append((name, text))
            yield archive(entries)


def main():
    target, out = sys.argv[1], sys.argv[2]
    shared = sys.argv[3] if len(sys.argv) > 3 and os.path.isdir(sys.argv[3]) else None
    os.makedirs(out, exist_ok=True)
    seeds = []
    if target == "yaml":
        for p in guides(shared) + sorted(glob.glob("**/*.yaml", recursive=True)):
            if "node_modules" not in p:
                seeds.append(read(p))
    elif target == "markdown":
        seeds = [read(p) for p in guides(shared)]
    elif target == "mustache":
        for p in sorted(glob.glob("templates/*.mustache")):
            seeds.append(archive([("main", read(p))]))
        seeds += list(spec_tests(shared))
    elif target == "candidate":
        for root, files in sites():
            g = [t for r, t in files if r.startswith("content/guides/")]
            cands = [(r, t) for r, t in files if r.startswith("content/candidates/")]
            for rel, text in cands:
                entries = [(os.path.basename(rel), text)]
                seeds.append(archive(entries))
                for gt in g[:2]:
                    seeds.append(archive([("guide", gt)] + entries))
    elif target == "cache":
        pass  # tests/fuzz/cache/ holds caches written by real builds
    elif target == "site":
        for root, files in sites():
            seeds.append(archive(files))
    else:
        sys.exit("seeds.py: unknown target " + target)
    for s in seeds:
        data = s.encode("utf-8", errors="surrogateescape")
        name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    print("%s: %d seeds" % (target, len(seeds)))


main()
