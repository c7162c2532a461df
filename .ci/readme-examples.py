#!/usr/bin/env python3
"""Runs the README's examples and checks what they print.

A fenced block right after a `<!-- ci: run -->` line is run with bash. In it, comment lines that directly follow a
command are the output that command must print (one comment line per output line); other comments explain and are
ignored. In an output line, `…` stands for any text (an id, a time, a token). Exit status 1 on the first block whose
output differs, with both shown.
"""
import re
import subprocess
import sys


def blocks(text):
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip() == "<!-- ci: run -->":
            start = i + 1
            while not lines[start].startswith("```"):
                start += 1
            end = start + 1
            while not lines[end].startswith("```"):
                end += 1
            yield start + 2, lines[start + 1:end]
            i = end
        i += 1


def expected_output(block):
    out, after_command = [], False
    for line in block:
        stripped = line.strip()
        if stripped.startswith("#"):
            if after_command:
                out.append(re.sub(r"^# ?", "", stripped))
            continue
        # a command continued with a trailing backslash stays "a command"
        after_command = bool(stripped)
    return out


def matches(expected, actual):
    if len(expected) != len(actual):
        return False
    for want, got in zip(expected, actual):
        pattern = ".*?".join(re.escape(part) for part in want.split("…"))
        if not re.fullmatch(pattern, got):
            return False
    return True


def main(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    count = 0
    for first_line, block in blocks(text):
        count += 1
        script = "set -euo pipefail\n" + "\n".join(block) + "\n"
        print(f"--> README block at line {first_line}", flush=True)
        result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=300)
        actual = [l for l in result.stdout.replace("\r", "").splitlines()]
        # curl -s prints bodies without a final newline; join and split so bodies and lines compare alike
        actual = "\n".join(actual).replace("}{", "}\n{").splitlines()
        expected = expected_output(block)
        if result.returncode != 0 or not matches(expected, actual):
            print(f"README block at line {first_line} failed (exit {result.returncode})")
            print("expected:\n  " + "\n  ".join(expected))
            print("actual:\n  " + "\n  ".join(actual))
            print("stderr:\n" + result.stderr)
            return 1
        print(f"    {len(expected)} output lines as shown", flush=True)
    if count == 0:
        print("no runnable README blocks found")
        return 1
    print(f"README examples: {count} blocks ran as shown")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "README.md"))
