#!/usr/bin/env python3
"""Independent reference for ROUGE and sentence BLEU on real responses, written from rouge-score's
documented rules (google-research/rouge: tokenize.py and rouge_scorer.py), not from the Java:

  tokens  lower case; every character outside a-z0-9 becomes a space; split on white space; with
          use_stemmer each token longer than 3 characters goes through NLTK's PorterStemmer() in its
          DEFAULT mode (NLTK_EXTENSIONS, the stemmer rouge-score builds); tokens not matching
          ^[a-z0-9]+$ are dropped
  ROUGE-N clipped n-gram counts; precision = overlap / max(prediction n-grams, 1), recall =
          overlap / max(target n-grams, 1), F1 = 2PR/(P+R) (0 when P+R = 0)
  ROUGE-L longest common subsequence; P = LCS/|prediction|, R = LCS/|target|, and 0 when either is empty
  BLEU    NLTK's sentence_bleu with smoothing method 1 on unstemmed tokens

Reads 200 seeded pairs of responses to one prompt from the shared MMLU-Pro responses and writes them with
the expected values to src/test/resources/data/responses/rouge-bleu-reference.csv, and every distinct word
of those pairs plus Porter's and NLTK's hard cases with NLTK's stem to .../nltk-porter-stems.csv.

    apt-get install -y python3-nltk   (here: NLTK 3.8, Debian 12; run as root)
    /usr/bin/python3 math/src/test/python/reference_rouge_bleu.py /work/shared/data/mmlu-pro-responses.jsonl.gz
"""
import csv
import random
import sys
from collections import Counter
from pathlib import Path

from nltk.stem.porter import PorterStemmer
from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu

import response_pairs

OUT = Path(__file__).resolve().parents[1] / "resources/data/responses"
STEMMER = PorterStemmer()  # NLTK_EXTENSIONS, as rouge-score's DefaultTokenizer makes it

# words on which the three Porter variants part: NLTK's irregular pool, its ies/ied and y rules, alli/fulli/logi,
# two-letter words, the double-consonant and cvc rules, and ordinary inflections
HARD_CASES = """sky skies dying lying tying news innings inning outings cannings howe proceed exceed succeed
dies ties lies cries flies spies tried died spied happy enjoy enjoyment sky fly try by generously radically
hopefully gracefully analogously apology biology archaeology logically is as us at caresses ponies cats
feed agreed plastered bled motoring sing conflated troubled sized hopping tanned falling hissing fizzed
failing filing relational conditional rational valenci hesitanci digitizer conformabli radicalli
differentli vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness
callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful
goodness revival allowance inference airliner gyroscopic adjustable defensible irritant replacement
adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize
probate rate cease controll roll running ran quoted generalizations oscillators dogs was this""".split()


def tokens(text, stem):
    return response_pairs.tokens(text, STEMMER if stem else None)


def fmeasure(p, r):
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def rouge_n(prediction, target, n):
    pred = Counter(tuple(prediction[i:i + n]) for i in range(len(prediction) - n + 1))
    targ = Counter(tuple(target[i:i + n]) for i in range(len(target) - n + 1))
    overlap = sum(min(count, targ[gram]) for gram, count in pred.items())
    return fmeasure(overlap / max(sum(pred.values()), 1), overlap / max(sum(targ.values()), 1))


def rouge_l(prediction, target):
    if not prediction or not target:
        return 0.0
    previous = [0] * (len(target) + 1)
    for p in prediction:
        current = [0]
        for j, t in enumerate(target, 1):
            current.append(previous[j - 1] + 1 if p == t else max(previous[j], current[j - 1]))
        previous = current
    return fmeasure(previous[-1] / len(prediction), previous[-1] / len(target))


def main(path):
    by_prompt = response_pairs.responses_by_prompt(path)
    random.seed(20261202)
    prompts = sorted(by_prompt)
    smooth = SmoothingFunction().method1
    words = set(HARD_CASES)
    with open(OUT / "rouge-bleu-reference.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["prompt_id", "candidate_model", "reference_model", "candidate", "reference", "rouge1_f",
                         "rouge2_f", "rougeL_f", "bleu"])
        for _ in range(200):
            prompt = random.choice(prompts)
            (ma, a), (mb, b) = random.sample(sorted(by_prompt[prompt]), 2)
            a, b = a[:1500], b[:1500]  # keeps the file small; the cut texts are what both sides score
            ca, cb = tokens(a, True), tokens(b, True)
            plain = tokens(a, False)
            words.update(plain)
            words.update(tokens(b, False))
            bleu = sentence_bleu([tokens(b, False)], plain, smoothing_function=smooth) if plain else 0.0
            writer.writerow([prompt, ma, mb, a, b, repr(rouge_n(ca, cb, 1)), repr(rouge_n(ca, cb, 2)),
                             repr(rouge_l(ca, cb)), repr(bleu)])
    with open(OUT / "nltk-porter-stems.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["word", "nltk_stem", "original_algorithm_stem"])
        original = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)
        for word in sorted(words):
            writer.writerow([word, STEMMER.stem(word), original.stem(word)])
    print("200 pairs and", len(words), "stems written to", OUT)


if __name__ == "__main__":
    main(sys.argv[1])
