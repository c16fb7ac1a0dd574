#!/usr/bin/env python3
"""gen_site.py OUT --guides N --candidates M [--seed S]

Writes a synthetic kitgen site into OUT: N guides of 6-10 KB in the style
of real interview guides (front matter, 5-8 timed sessions with segments,
questions, probes, rubric lists with weights, flags, a scoring table, a
fenced code block, a task list, a rating scale and decision rules) and M
candidates with five-slot panels and scores. The same seed gives the same
site, byte for byte.
"""
import argparse
import os
import random

WORDS = ("service latency queue cache schema rollout incident metric budget "
         "contract review design storage shard replica tenant quota backlog "
         "release pipeline migration index consumer producer retry timeout "
         "customer ledger invoice payment refund audit policy access token "
         "session window throughput capacity forecast owner roadmap").split()
TOPICS = ["Coding", "System Design", "Behavioural", "Architecture",
          "Debugging", "Data Modelling", "Product Sense", "Leadership",
          "Security", "Operations", "Testing", "Team Fit"]
FIRST = ["Ada", "Ben", "Chen", "Dara", "Emil", "Fatima", "Goran", "Hana",
         "Ines", "Jun", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya"]
LAST = ["Okafor", "Castillo", "Wei", "Murphy", "Novak", "Haddad", "Ilic",
        "Sato", "Lopes", "Park", "Mensah", "Berg", "Rossi", "Adeyemi"]


def sentence(r, n=12):
    w = [r.choice(WORDS) for _ in range(n)]
    return (" ".join(w)).capitalize() + "."


def guide(r, i):
    sessions = r.randint(5, 7)
    topics = r.sample(TOPICS, sessions)
    minutes = [r.choice([30, 45, 60]) for _ in topics]
    rubrics = []
    out = ["---", f"id: guide-{i:05d}", "type: guide",
           f"title: Interview Loop {i}", f"role: Role {i % 37}",
           f"tags: [bench, role-{i % 37}]", "visibility: public",
           "version: 1.0", "author: Bench Generator", "---", "",
           f"# Interview Loop {i}", "", sentence(r, 30), "",
           f"**Total Interview Time**: {sum(minutes)} minutes", ""]
    for k, (t, m) in enumerate(zip(topics, minutes), 1):
        out += [f"## Session {k}: {t} - {m} minutes", "",
                f"**Interviewer**: {r.choice(FIRST)} {r.choice(LAST)}",
                f"**Focus**: {sentence(r, 6)}", ""]
        segs = [5, m - 15, 10]
        for name, sm in zip(["Opening", "Main Exercise", "Wrap-up"], segs):
            out += [f"### {name} ({sm} min)", "", sentence(r, 6), ""]
        out += [f"**Question**: {sentence(r, 10)}", "",
                "Follow-up probes:", f"- {sentence(r, 6)}",
                f"- {sentence(r, 6)}", ""]
        out += ["### Evaluation Rubric", ""]
        crits = [c.capitalize() for c in r.sample(WORDS, 4)]
        for c, w in zip(crits, [40, 30, 20, 10]):
            out.append(f"- **{c} ({w}%)**: {sentence(r, 6)}")
        out += ["", "### Green Flags", f"- {sentence(r, 5)}", "",
                "### Red Flags", f"- {sentence(r, 5)}", ""]
        rubrics.append(crits)
    out += ["## Preparation", "", "- [x] Read the candidate's packet",
            "- [ ] Print the scorecard", "", "```python",
            "def limiter(requests, window):",
            "    return [r for r in requests if r.t > window]", "```", "",
            "## Rating Scale", "", "- **5 - Exceptional**: far above the bar",
            "- **4 - Strong**: above the bar", "- **3 - Meets**: at the bar",
            "- **2 - Below**: below the bar", "- **1 - Poor**: far below", "",
            "## Scoring", "", "| Category | Weight | Min Score |",
            "|----------|--------|-----------|"]
    for t in topics[:4]:
        out.append(f"| {t} | 25% | 3 |")
    out += ["", "**Minimum Total Score for Offer**: 3.5/5.0", "",
            "## Decision Rules", "",
            "- **Strong Hire**: Average score ≥4.5, no scores below 4",
            "- **Hire**: Average score ≥3.5, no scores below 3",
            "- **No Hire**: anything else", ""]
    text = "\n".join(out)
    while len(text.encode()) < 6144:
        text += "\n" + sentence(r, 40) + "\n"
    return text, list(zip(topics, rubrics))


def candidate(r, j, n_guides, guide_sessions):
    g = r.randrange(n_guides)
    sessions = guide_sessions[g]
    name = f"{r.choice(FIRST)} {r.choice(LAST)}"
    out = [f"id: cand-{j:06d}", f"name: {name}", f"role: Role {g % 37}",
           f"guide: guide-{g:05d}",
           f"date: 2026-{1 + j % 12:02d}-{1 + j % 28:02d}",
           "timezone: Europe/London", "location: Office",
           "links:", f"  CV: https://example.com/cv/{j}.pdf",
           f"summary: {sentence(r, 20)}", "panel:"]
    start = 9 * 60
    for k, (t, _) in enumerate(sessions[:5]):
        iv = f"{FIRST[(j + k) % len(FIRST)]} {LAST[(j * 7 + k) % len(LAST)]}"
        out += [f"  - session: {t}", f"    interviewer: {iv}",
                f"    start: \"{start // 60:02d}:{start % 60:02d}\"",
                f"    room: Room {k + 1}"]
        start += 75
    if j % 3 == 0:
        out.append("scores:")
        for t, crits in sessions[:2]:
            out.append(f"  {t}:")
            out += [f"    {c}: {r.randint(2, 5)}" for c in crits]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--guides", type=int, default=100)
    ap.add_argument("--candidates", type=int, default=0)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    r = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "content", "guides"), exist_ok=True)
    topics = []
    for i in range(a.guides):
        text, t = guide(r, i)
        topics.append(t)
        with open(os.path.join(a.out, "content", "guides",
                               f"guide-{i:05d}.md"), "w") as f:
            f.write(text)
    if a.candidates:
        d = os.path.join(a.out, "content", "candidates")
        os.makedirs(d, exist_ok=True)
        for j in range(a.candidates):
            text = candidate(r, j, a.guides, topics)
            with open(os.path.join(d, f"cand-{j:06d}.yaml"), "w") as f:
                f.write(text)


if __name__ == "__main__":
    main()
