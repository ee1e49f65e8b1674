#!/usr/bin/env python3
"""Writes the long multi-domain texts of modelmap §6 and the chat data of the chat-style fine-tune.

From the MMLU-Pro questions and chain-of-thought responses in ../shared/data (14 subjects, 24 models'
responses to 2,000 questions), split by question so that no question of the fine-tune's chat data is in
the texts validate-kl compares on:

  OUT/long-texts.jsonl.gz  Pile-format documents (category = the MMLU-Pro subject): each a run of
                           questions with their options and one model's response, as plain text; cut by
                           validate-kl --chunk-bytes 1024 into texts of about 1,024 bytes.
  OUT/chat-train.jsonl.gz  Pile-format documents (category "chat"): "User: <question and options>" /
                           "Assistant: <response>" turns, the fine-tune's training data.

Standard library only; deterministic (no randomness: the split is the question id's parity).
Usage: python3 data/long-texts/make_long_texts.py [--data ../shared/data] [--out /tmp/long-texts]
"""
import argparse
import gzip
import json
import os
from collections import defaultdict

DOCUMENT_BYTES = 4096  # a document holds items until it reaches this size: about four 1,024-byte texts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../../shared/data"))
    parser.add_argument("--out", default="/tmp/long-texts")
    parser.add_argument("--responses-per-question", type=int, default=3,
                        help="responses (of different models) kept per question (default 3)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    items = {}
    with gzip.open(os.path.join(args.data, "mmlu-pro-items.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            items[item["id"]] = item
    responses = defaultdict(list)
    with gzip.open(os.path.join(args.data, "mmlu-pro-responses.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if len(responses[r["prompt_id"]]) < args.responses_per_question and r["response"].strip():
                responses[r["prompt_id"]].append(r["response"].strip())

    held_out = defaultdict(list)  # subject -> plain-text items (odd question ids)
    chat = []                     # chat turns (even question ids)
    for qid in sorted(responses, key=int):
        item = items[qid]
        options = "\n".join(f"({chr(65 + i)}) {c}" for i, c in enumerate(item["choices"]))
        for response in responses[qid]:
            if int(qid) % 2:
                held_out[item["subject"]].append(f"{item['question']}\n{options}\n{response}\n\n")
            else:
                chat.append(f"User: {item['question']}\n{options}\nAssistant: {response}\n\n")

    written = write(os.path.join(args.out, "long-texts.jsonl.gz"),
                    ((subject, texts) for subject, texts in sorted(held_out.items())), "mmlu-pro")
    print(f"{written} documents over {len(held_out)} subjects in {args.out}/long-texts.jsonl.gz")
    written = write(os.path.join(args.out, "chat-train.jsonl.gz"), [("chat", chat)], "chat")
    print(f"{written} documents ({len(chat)} turns) in {args.out}/chat-train.jsonl.gz")


def write(path, groups, prefix):
    """Joins each category's pieces into documents of about DOCUMENT_BYTES; returns how many."""
    count = 0
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for category, pieces in groups:
            document = ""
            for piece in pieces:
                document += piece
                if len(document.encode("utf-8")) >= DOCUMENT_BYTES:
                    count += emit(out, document, category, f"{prefix}-{category}-{count}")
                    document = ""
            if document:
                count += emit(out, document, category, f"{prefix}-{category}-{count}")
    return count


def emit(out, text, category, doc_id):
    out.write(json.dumps({"text": text, "meta": {"pile_set_name": category}, "id": doc_id}) + "\n")
    return 1


if __name__ == "__main__":
    main()
