#!/usr/bin/env python3
"""Independent reference for DataLimitsTest (eval): what the shared data can and cannot show.

Plain Python (csv, statistics), written from the data's README, not from the Java code. Run once from
the repository root; its output is committed beside it as data_limits.properties:

    python3 eval/src/test/resources/data-limits/data_limits.py > eval/src/test/resources/data-limits/data_limits.properties
"""
import csv
import statistics
from collections import defaultdict

DATA = "eval/src/test/resources/data"
FLOOR = 5.0

# --- GSM8K in the CPP table (72 models x 29 tasks; the only GSM8K scores in the shared data)
with open(f"{DATA}/cpp/crowdsource_performance.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
header = rows[0]
g = header.index("GSM8K(4-shot)")
mmlu = header.index("MMLU(5-shot)")
scored = [(r[0], float(r[g])) for r in rows[1:] if r[g].strip()]
print(f"gsm8k.models={len(rows) - 1}")
print(f"gsm8k.scored={len(scored)}")
print(f"gsm8k.underFloor={sum(1 for _, s in scored if s < FLOOR)}")
print(f"gsm8k.median={statistics.median(s for _, s in scored)!r}")
pairs = [(float(r[g]), float(r[mmlu])) for r in rows[1:] if r[g].strip() and r[mmlu].strip()]


def pearson(ps):
    return statistics.correlation([a for a, _ in ps], [b for _, b in ps])


print(f"gsm8k.withMmlu={len(pairs)}")
print(f"gsm8k.pearsonMmlu.all={pearson(pairs)!r}")
above = [p for p in pairs if p[0] >= FLOOR]
floor = [p for p in pairs if p[0] < FLOOR]
print(f"gsm8k.pearsonMmlu.above.n={len(above)}")
print(f"gsm8k.pearsonMmlu.above={pearson(above)!r}")
print(f"gsm8k.pearsonMmlu.floor.n={len(floor)}")
print(f"gsm8k.pearsonMmlu.floor={pearson(floor)!r}")

# --- MMLU-Pro: one benchmark, one model far ahead (29 models x 12,032 questions)
with open(f"{DATA}/mmlu-pro-answers.csv", newline="") as f:
    reader = csv.reader(f)
    head = next(reader)
    models = head[4:]
    right = defaultdict(int)         # model -> right answers
    asked = defaultdict(int)         # model -> answered questions
    cat_right = defaultdict(int)     # (model, category) -> right
    cat_asked = defaultdict(int)
    for r in reader:
        category, gold = r[1], int(r[3])
        for m, cell in zip(models, r[4:]):
            if cell.strip() == "":
                continue  # no answer: left out for that model
            ok = int(cell) == gold  # -1 (unreadable) is wrong
            right[m] += ok
            asked[m] += 1
            cat_right[m, category] += ok
            cat_asked[m, category] += 1

accuracy = {m: right[m] / asked[m] for m in models}
ranked = sorted(models, key=lambda m: -accuracy[m])
best, second = ranked[0], ranked[1]
print(f"router.best={best}")
print(f"router.best.accuracy={accuracy[best]!r}")
print(f"router.second={second}")
print(f"router.second.accuracy={accuracy[second]!r}")
categories = sorted({c for _, c in cat_asked})
ahead = 0
leads = []
for c in categories:
    acc = {m: cat_right[m, c] / cat_asked[m, c] for m in models if cat_asked[m, c] > 0}
    others = max(v for m, v in acc.items() if m != best)
    lead = acc[best] - others
    leads.append(lead)
    ahead += lead > 0
    print(f"router.lead.{c.replace(' ', '_')}={lead!r}")
print(f"router.categories={len(categories)}")
print(f"router.categoriesLed={ahead}")
print(f"router.lead.min={min(leads)!r}")
print(f"router.lead.max={max(leads)!r}")

# the ceiling of routing by category: each category's model with the highest accuracy (on its answered
# questions; the first in column order on a tie) chosen in hindsight on every question; an unanswered
# question counts as wrong, over all questions, as the router's accuracy is counted
questions = {c: 0 for c in categories}
with open(f"{DATA}/mmlu-pro-answers.csv", newline="") as f:
    for r in list(csv.reader(f))[1:]:
        questions[r[1]] += 1
total = sum(questions.values())
hindsight = 0
for c in categories:
    top = max(models, key=lambda m: (cat_right[m, c] / cat_asked[m, c] if cat_asked[m, c] else 0))
    hindsight += cat_right[top, c]
    if top != best:
        print(f"router.categoryBest.{c.replace(' ', '_')}={top}")
print(f"router.questions={total}")
print(f"router.singleBest.overAll={right[best] / total!r}")
print(f"router.categoryHindsight={hindsight / total!r}")
