#!/usr/bin/env python3
"""Independent reference for METEOR: NLTK 3.8's meteor_score itself (exact, then Porter-stem, then WordNet
synonym matches; alpha 0.9, beta 3, gamma 0.5) on hand-written sentence pairs and on 200 seeded pairs of
real responses. WordNet is Debian's wordnet-base (Princeton WordNet 3.0, the version the Java side reads
from Maven Central's extjwnl-data-wn30); NLTK's reader wants a lexnames file Debian leaves out, so the
script links the dictionary files into a temporary folder and writes lexnames (the 45 lexicographer file
names, used only for Synset.lexname()). Tokens are the unstemmed rouge-score tokens the project scores
BLEU on (lower case, a-z0-9 runs). Writes src/test/resources/data/responses/meteor-reference.csv and,
for every word of the hand-written pairs, NLTK's WordNet synonym set to wordnet-synonyms.csv.

    apt-get install -y python3-nltk wordnet-base   (here: NLTK 3.8, WordNet 3.0, Debian 12; run as root)
    /usr/bin/python3 math/src/test/python/reference_meteor.py /work/shared/data/mmlu-pro-responses.jsonl.gz
"""
import csv
import os
import random
import sys
import tempfile
from itertools import chain
from pathlib import Path

from nltk.corpus.reader.wordnet import WordNetCorpusReader
from nltk.translate.meteor_score import meteor_score

import response_pairs

OUT = Path(__file__).resolve().parents[1] / "resources/data/responses"
WORDNET = Path("/usr/share/wordnet")
LEXNAMES = """adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body
noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive
noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation
noun.shape noun.state noun.substance noun.time verb.body verb.change verb.cognition verb.communication
verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion verb.perception
verb.possession verb.social verb.stative verb.weather adj.ppl""".split()
LEX_POS = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}

# (hypothesis, reference): punctuation, numbers, non-ASCII, stems, synonyms, reordering, no match, empty
PAIRS = [
    ("It is a guide to action which ensures that the military always obeys the commands of the party.",
     "It is a guide to action that ensures that the military will forever heed Party commands."),
    ("The cat sat on the mat.", "The cat is sitting on the mat!"),
    ("The quick brown fox jumps over the lazy dog.", "A fast brown fox leaped over a lazy dog."),
    ("He bought a new car yesterday.", "Yesterday he purchased a new automobile."),
    ("The answer is 42, not 41.", "The answer is 42 (forty-two)."),
    ("Costs rose 3.5% in 2023; profits fell 12%.", "In 2023 costs rose by 3.5 percent and profits fell."),
    ("The café served crème brûlée to the naïve guests.", "The cafe served creme brulee to naive guests."),
    ("Straße, Zürich and São Paulo are names.", "Strasse, Zurich and Sao Paulo are place names."),
    ("Running runners ran; the runner runs.", "The runner is running and runs."),
    ("Generously, the students studied the studies.", "The student generously studies."),
    ("The children were happily playing games.", "Happy kids play a game."),
    ("She was very sad about the large house.", "She felt unhappy about the big home."),
    ("Physicians recommend exercise for health.", "Doctors advise physical exercise for good health."),
    ("The option (B) is correct: energy is conserved.", "Answer: B. Energy is conserved, so B is correct."),
    ("non matching hypothesis", "this is a cat"),
    ("", "an empty hypothesis scores zero"),
    ("words in the same order here", "here order same the in words"),
    ("The dying man was lying about tying the knot.", "The man dies, lies, and ties knots."),
    ("Skies were cloudy and the flies flew.", "The sky was overcast; a fly flies."),
    ("x = 2 * (y + 3) - z / 4", "x equals 2 times y plus 3 minus z over 4"),
    ("The government's policies are relational and conditional.", "Government policy relates to conditions."),
    ("Let me explain step by step. First, compute the sum.", "First compute the total, step by step."),
    ("I can't help with that request.", "I cannot assist with this request."),
    ("The the the the cat", "the cat the"),
]


def wordnet_reader():
    folder = Path(tempfile.mkdtemp(prefix="wordnet30-"))
    for f in WORDNET.iterdir():
        if f.is_file():
            os.symlink(f, folder / f.name)
    with open(folder / "lexnames", "w") as out:
        for i, name in enumerate(LEXNAMES):
            out.write(f"{i:02d}\t{name}\t{LEX_POS[name.split('.')[0]]}\n")
    reader = WordNetCorpusReader(str(folder), None)
    assert reader.get_version() == "3.0", reader.get_version()
    return reader


tokens = response_pairs.tokens


def synonyms(wn, word):
    """The names meteor_score's synonym stage takes for a word (NLTK 3.8, _enum_wordnetsyn_match)."""
    return sorted(set(chain.from_iterable(
        (lemma.name() for lemma in synset.lemmas() if lemma.name().find("_") < 0) for synset in wn.synsets(word))))


def main(path):
    wn = wordnet_reader()
    rows = [("hand", i, h, r) for i, (h, r) in enumerate(PAIRS)]
    by_prompt = response_pairs.responses_by_prompt(path)
    random.seed(20261207)
    prompts = sorted(by_prompt)
    for i in range(200):
        prompt = random.choice(prompts)
        (_, a), (_, b) = random.sample(sorted(by_prompt[prompt]), 2)
        rows.append(("response", prompt, a[:800], b[:800]))  # cut to keep the file small; both sides score the cut
    with open(OUT / "meteor-reference.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["kind", "id", "hypothesis", "reference", "meteor"])
        for kind, ident, h, r in rows:
            writer.writerow([kind, ident, h, r, repr(meteor_score([tokens(r)], tokens(h), wordnet=wn))])
    words = sorted(set(chain.from_iterable(tokens(h) + tokens(r) for h, r in PAIRS)))
    with open(OUT / "wordnet-synonyms.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["word", "synonyms"])
        for word in words:
            writer.writerow([word, " ".join(synonyms(wn, word))])
    print(len(rows), "pairs and", len(words), "synonym sets written to", OUT)


if __name__ == "__main__":
    main(sys.argv[1])
