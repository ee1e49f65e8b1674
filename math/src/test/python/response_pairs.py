"""What the response-metric reference scripts share: rouge-score's tokens and the real responses by prompt."""
import gzip
import json
import re


def tokens(text, stemmer=None):
    """rouge-score's DefaultTokenizer: lower case, runs of a-z0-9; with a stemmer, words longer than 3 stemmed."""
    words = [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]
    return [stemmer.stem(w) if len(w) > 3 else w for w in words] if stemmer else words


def responses_by_prompt(path):
    """prompt_id -> [(model_id, response)] from mmlu-pro-responses.jsonl.gz, in file order."""
    by_prompt = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            by_prompt.setdefault(o["prompt_id"], []).append((o["model_id"], o["response"]))
    return by_prompt
