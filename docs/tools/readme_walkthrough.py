#!/usr/bin/env python3
"""Runs every command in the README's ```sh blocks as written, from the repository root, in order.

Skips only the commands that need what a clean clone cannot have here, and says which and why: a GPU or
model folders outside the repository, a running cluster (the commands documented "against a running cluster"
and curl to a server), the Hub over the internet, a server left running (--serve). Continuation lines ("\\")
are joined; shell variables set in a block (D=...) carry over. Removes the git-ignored out/ first, as a clean
clone has none. Exit 1 when any command run fails.

  python3 docs/tools/readme_walkthrough.py [--list] [--timeout SECONDS]
"""
import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# (pattern, reason): the first that matches a command skips it.
SKIPS = [
    (r"--device gpu|/models/", "needs a GPU and model folders outside the repository"),
    (r"against a running cluster|^curl |import-benchmarks|--models \S+ *#|import-scores", "needs a running cluster"),
    (r"--model [A-Za-z0-9-]+/[A-Za-z0-9.-]+(@\S+)?( |$)(?!.*=)", "downloads from the Hub over the internet"),
    (r"--serve", "keeps a server running until stopped"),
    (r"^\./mvnw -B verify", "the full build and test run (minutes; run by CI itself)"),
]


def commands(readme):
    text = open(readme, encoding="utf-8").read()
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        joined = re.sub(r"\\\n\s*", "", block)
        for line in joined.splitlines():
            if line.strip():
                yield line.strip()


def skip_reason(command):
    for pattern, reason in SKIPS:
        if re.search(pattern, command):
            return reason
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--list", action="store_true", help="only say what would run and what is skipped")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per command")
    args = parser.parse_args()
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true")
    variables = {}
    failed = 0
    if not args.list:  # a clean checkout has no output folder yet (out/ is git-ignored)
        subprocess.run(["rm", "-rf", os.path.join(ROOT, "out")], check=True)
    for command in commands(os.path.join(ROOT, "README.md")):
        bare = command.split("  #")[0].strip()
        assignment = re.fullmatch(r"([A-Z_]+)=(\S+)(\s+#.*)?", command)
        if assignment:
            variables[assignment.group(1)] = assignment.group(2)
            print(f"set   {assignment.group(1)}={assignment.group(2)}")
            continue
        reason = skip_reason(command)
        if reason:
            print(f"skip  {bare}\n      ({reason})")
            continue
        if args.list:
            print(f"run   {bare}")
            continue
        print(f"run   {bare}", flush=True)
        started = time.monotonic()
        try:
            done = subprocess.run(["bash", "-c", bare], cwd=ROOT, env=dict(env, **variables), timeout=args.timeout,
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True)
            code = done.returncode
            tail = (done.stdout + done.stderr)[-1500:]
        except subprocess.TimeoutExpired:
            code, tail = "timeout", ""
        print(f"      exit {code} in {time.monotonic() - started:.0f} s")
        if code != 0:
            failed += 1
            print("      " + tail.replace("\n", "\n      "))
    print(f"{failed} failed" if failed else "every command run succeeded")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
