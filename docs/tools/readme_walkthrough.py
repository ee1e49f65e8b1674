#!/usr/bin/env python3
"""Runs every command in the README's ```sh blocks as written, from the repository root, in order.

Skips only the commands that need what a clean clone cannot have here, and says which and why: a GPU or
model folders outside the repository, a running cluster (the commands documented "against a running cluster"
and curl to a server), the Hub over the internet, a server left running (--serve). Continuation lines ("\\")
are joined; shell variables set in a block (D=...) carry over. Removes the git-ignored out/ first, as a clean
clone has none. Exit 1 when any command run fails.

Runs from a clean clone: it first builds the CLI's jar (cli/target/modelmap.jar) with the README's own
launcher, `./modelmap --version`, which builds when the jar is missing or older than a source (what
`./mvnw -B -DskipTests package` leaves behind is used as it is), so the build's minutes are not counted
against the first README command. `./mvnw -B -Preadme -pl integration-tests -am verify -DskipTests` packages
the jar and then runs this script (exec-maven-plugin in integration-tests' `readme` profile).

  python3 docs/tools/readme_walkthrough.py [--list] [--timeout SECONDS] [--build-timeout SECONDS]
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
    parser.add_argument("--build-timeout", type=int, default=1800, help="seconds for building the jar first")
    args = parser.parse_args()
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true")
    variables = {}
    failed = ran = skipped = 0
    if not args.list:  # a clean checkout has no output folder yet (out/ is git-ignored)
        subprocess.run(["rm", "-rf", os.path.join(ROOT, "out")], check=True)
        if run("./modelmap --version", "build", env, args.build_timeout) != 0:
            print("the CLI did not build: no README command can run")
            return 1
    for command in commands(os.path.join(ROOT, "README.md")):
        bare = command.split("  #")[0].strip()
        assignment = re.fullmatch(r"([A-Z_]+)=(\S+)(\s+#.*)?", command)
        if assignment:
            variables[assignment.group(1)] = assignment.group(2)
            print(f"set   {assignment.group(1)}={assignment.group(2)}")
            continue
        reason = skip_reason(command)
        if reason:
            skipped += 1
            print(f"skip  {bare}\n      ({reason})")
            continue
        ran += 1
        if args.list:
            print(f"run   {bare}")
            continue
        if run(bare, "run", dict(env, **variables), args.timeout) != 0:
            failed += 1
    if args.list:
        print(f"{ran} to run, {skipped} to skip")
        return 0
    print(f"{ran} run, {skipped} skipped, " + (f"{failed} failed" if failed else "every command run succeeded"))
    return 1 if failed else 0


def run(command, label, env, timeout):
    """Runs one command from the repository root; prints its exit code and time, and its output's tail on failure."""
    print(f"{label:5} {command}", flush=True)
    started = time.monotonic()
    try:
        done = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, timeout=timeout,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True)
        code = done.returncode
        tail = (done.stdout + done.stderr)[-1500:]
    except subprocess.TimeoutExpired:
        code, tail = "timeout", ""
    print(f"      exit {code} in {time.monotonic() - started:.0f} s", flush=True)
    if code != 0:
        print("      " + tail.replace("\n", "\n      "), flush=True)
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
