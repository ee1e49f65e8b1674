#!/usr/bin/env python3
"""Keeps the docs' class links true to the tree.

  python3 docs/tools/docs_check.py          # check: broken links and anchors, unknown class names (exit 1 if any)
                                            # (the dead-letter reason table: DeadLetterReasonDocsTest)
  python3 docs/tools/docs_check.py --link   # rewrite: link every `ClassName` to its current file

A class is cited as `Name` or `Name.member` in backticks. --link turns the first citation of a name on
each line into a link to src/main (else src/test) `Name.java`, re-pointing links that went stale when a
class moved, so after a refactoring one run repairs every doc. Names that match no file, or several,
are reported; a name in the IGNORED set is a word in backticks that only looks like a class.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS = ["README.md", "docs"] + [d + "/README.md" for d in sorted(os.listdir(ROOT)) if os.path.isfile(os.path.join(ROOT, d, "README.md"))]
# backticked words that look like class names but are not classes of this tree
IGNORED = {"ModelMap", "OptionDescriptions", "IOException", "HttpClient", "FileChannel", "ETag", "PyTorch", "NumPy", "SciPy", "RocksDB", "TorchScript", "OutOfMemoryError", "SerializationException",
           "SystemLimitException", "VirtualMachineError", "KafkaClusterTestKit", "QoSHandler", "LikelihoodCalculator",
           "DeadLetter", "TextChunk", "TextScores", "McItem", "McAnswers", "ScoreTask", "ModelRegistered",
           "ModelCoordinates", "CoordinateFrame", "NeighborList", "ErrorAgreement", "ModelAccuracy", "BenchmarkScore",
           "ScorePredictions", "PredictionQuality", "BenchmarkRegistered", "ModelResponses", "ModelEmbedding",
           "ModelAnalytics", "ModelDistances", "SpecificRecord", "Clock", "Properties", "TopologyTestDriver",
           "MockProcessorContext", "Javalin", "HuggingFaceTokenizer", "NDList", "Criteria", "KStreamAggregate",
           "GELU", "LayerNorm", "RMSNorm", "ALiBi", "MoE", "GQA", "MLA", "BOS", "EOS", "JSONL", "CSV", "API", "KL", "SSE",
           "JFR", "JMH", "EJML", "SIMD", "CPU", "GPU", "PCA", "MDS", "NCF", "GMF", "MLP", "MF", "CPP", "ROUGE", "BLEU",
           "PorterStemmer", "Map", "Object", "String", "Optional", "Instant", "Duration", "Path", "List", "AutoCloseable"}
CLASS = re.compile(r"(\[)?`((?:[a-z][a-z0-9]*\.)*)([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)(\.[a-zA-Z_][A-Za-z0-9_]*)?`(\]\(([^)]*)\))?")
LINK = re.compile(r"\]\(([^)#\s]+)(#[^)]*)?\)")


def java_files():
    found = {}
    for top, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in ("target", ".git", "node_modules", ".modelmap")]
        for f in files:
            if f.endswith(".java"):
                found.setdefault(f[:-5], []).append(os.path.join(top, f))
    return found


def preferred(paths):
    main = [p for p in paths if "/src/main/" in p]
    return main if main else paths


def slug(heading):
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def anchors(path):
    found, fenced = set(), False
    for line in open(path, encoding="utf-8"):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            found.add(slug(line.lstrip("#")))
    return found


def markdown_files():
    for entry in DOCS:
        path = os.path.join(ROOT, entry)
        if os.path.isdir(path):
            for f in sorted(os.listdir(path)):
                if f.endswith(".md"):
                    yield os.path.join(path, f)
        elif os.path.isfile(path):
            yield path


def process(path, classes, link, problems):
    base = os.path.dirname(path)
    out, fenced = [], False
    for number, line in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
        if line.startswith("```"):
            fenced = not fenced
        if fenced or line.startswith("#"):
            out.append(line)
            continue
        seen = set()

        def replace(m):
            package, name, member, target = m.group(2), m.group(3), m.group(4) or "", m.group(6)
            text = "`" + package + name + member + "`"
            where = f"{os.path.relpath(path, ROOT)}:{number}"
            if name in IGNORED:
                return m.group(0)
            paths = preferred(classes.get(name, []))
            if len(paths) > 1 and package:  # `map.ClassicalScaling`: the package tells them apart
                paths = [p for p in paths if "/" + package.replace(".", "/") + name + ".java" in p] or paths
            if len(paths) > 1:  # a module README means its own module's class
                paths = [p for p in paths if p.startswith(base + "/")] or paths
            if len(paths) != 1:
                if target is not None and not os.path.exists(os.path.join(base, target.split("#")[0])):
                    problems.append(f"{where}: {name}: link {target} is broken and {len(paths)} files match")
                elif not paths:
                    problems.append(f"{where}: `{name}` names no class of the tree")
                return m.group(0)
            rel = os.path.relpath(paths[0], base)
            if target is not None:
                if link:
                    return "[" + text + "](" + rel + ")"
                if not os.path.exists(os.path.join(base, target)):
                    problems.append(f"{where}: {name}: link {target} is broken (the class is at {rel})")
                return m.group(0)
            if link and name not in seen:
                seen.add(name)
                return "[" + text + "](" + rel + ")"
            return text

        line = CLASS.sub(replace, line)
        for target, anchor in LINK.findall(line):
            if re.match(r"[a-z]+:", target):
                continue
            full = os.path.join(base, target)
            if not os.path.exists(full):
                problems.append(f"{os.path.relpath(path, ROOT)}:{number}: link {target} does not exist")
            elif anchor and full.endswith(".md") and anchor[1:] not in anchors(full):
                problems.append(f"{os.path.relpath(path, ROOT)}:{number}: link {target}{anchor}: no such heading")
        for anchor in re.findall(r"\]\((#[^)]+)\)", line):
            if anchor[1:] not in anchors(path):
                problems.append(f"{os.path.relpath(path, ROOT)}:{number}: link {anchor}: no such heading")
        out.append(line)
    if link:
        open(path, "w", encoding="utf-8").write("\n".join(out))


def main():
    link = "--link" in sys.argv
    classes = java_files()
    problems = []
    for path in markdown_files():
        process(path, classes, link, problems)
    for p in sorted(set(problems)):
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
