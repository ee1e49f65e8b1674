#!/usr/bin/env python3
"""Independent reference for ROUGE and sentence BLEU on real responses: rouge-score's conventions
written out here (lower case, [^a-z0-9]+ as separators, tokens longer than 3 Porter-stemmed with
NLTK's PorterStemmer in its ORIGINAL_ALGORITHM mode), ROUGE-N and ROUGE-L F1 from their definitions,
and BLEU from NLTK's sentence_bleu with smoothing method 1 on unstemmed tokens. Reads 200 seeded
pairs of responses to one prompt from ../shared/data/mmlu-pro-responses.jsonl.gz and writes them
with the expected values (CSV) to src/test/resources/data/responses/rouge-bleu-reference.csv.

    apt-get install python3-nltk   (here: NLTK 3.8, Debian 12)
    /usr/bin/python3 math/src/test/python/reference_rouge_bleu.py ../shared/data/mmlu-pro-responses.jsonl.gz
"""
import csv
import gzip
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from nltk.stem.porter import PorterStemmer
from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu

OUT = Path(__file__).resolve().parents[1] / "resources/data/responses/rouge-bleu-reference.csv"
STEMMER = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)


def tokens(text, stem):
    words = [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]
    return [STEMMER.stem(w) if stem and len(w) > 3 else w for w in words]


def f1(matches, candidate, reference):
    p = matches / candidate if candidate else 0.0
    r = matches / reference if reference else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def rouge_n(c, r, n):
    cn = Counter(tuple(c[i:i + n]) for i in range(len(c) - n + 1))
    rn = Counter(tuple(r[i:i + n]) for i in range(len(r) - n + 1))
    return f1(sum((cn & rn).values()), max(0, len(c) - n + 1), max(0, len(r) - n + 1))


def rouge_l(c, r):
    table = [[0] * (len(r) + 1) for _ in range(len(c) + 1)]
    for i in range(1, len(c) + 1):
        for j in range(1, len(r) + 1):
            table[i][j] = table[i - 1][j - 1] + 1 if c[i - 1] == r[j - 1] else max(table[i - 1][j], table[i][j - 1])
    return f1(table[len(c)][len(r)], len(c), len(r))


def main(path):
    by_prompt = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            by_prompt.setdefault(o["prompt_id"], []).append((o["model_id"], o["response"]))
    random.seed(20261202)
    prompts = sorted(by_prompt)
    smooth = SmoothingFunction().method1
    with open(OUT, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["prompt_id", "candidate_model", "reference_model", "candidate", "reference", "rouge1_f",
                         "rouge2_f", "rougeL_f", "bleu"])
        for _ in range(200):
            prompt = random.choice(prompts)
            (ma, a), (mb, b) = random.sample(sorted(by_prompt[prompt]), 2)
            a, b = a[:1500], b[:1500]  # keeps the file small; the cut texts are what both sides score
            ca, cb = tokens(a, True), tokens(b, True)
            plain = tokens(a, False)
            bleu = sentence_bleu([tokens(b, False)], plain, smoothing_function=smooth) if plain else 0.0
            writer.writerow([prompt, ma, mb, a, b, repr(rouge_n(ca, cb, 1)), repr(rouge_n(ca, cb, 2)),
                             repr(rouge_l(ca, cb)), repr(bleu)])
    print("200 pairs written to", OUT)


if __name__ == "__main__":
    main(sys.argv[1])
