#!/usr/bin/env python3
"""Linearity of newsx in one article's length, for the shapes of input that grow work or output
faster than the input (issue 13).

    python3 scripts/bench_shapes.py [--bin target/release/newsx] [--sizes 1,2,4,8] [--shapes a,b]
                                    [--timeout 120] [--max-rss-mb 3000]

For each shape it writes one .txt article of each size (MiB, kept under the default --max-bytes),
runs `BIN extract FILE -o OUT --force -q` under `/usr/bin/time -v`, and prints wall seconds, peak
RSS, output size and output/input ratio; then, per shape, the time ratio of the largest to the
smallest size against the size ratio. The goal: 8x the size costs at most 10x the time, an 8 MiB
article in at most 3 s and 400 MB, output at most ~30x the input. A run past --timeout or
--max-rss-mb is killed and shown as such (so a quadratic binary cannot take the machine down).

Shapes (text invented here; names from rules/world, titles from rules/words.json):
  quotes         paragraphs of direct and reported quotes by a few people, blank lines between
  one_paragraph  the same text with no line break at all
  open_guillemet, open_low9, open_curly, open_apostrophe, open_straight
                 one paragraph of sentences each holding an opener that never closes: « „ “ ' "
  speakers       a new named speaker in every paragraph
  titled_speakers
                 a new named speaker in every paragraph, a title before the name, quoted twice
                 (the second time by an abbreviated title and the surname)
  titles         a title chain ("Gov. Gov. ...", a third of the article) before a name, then quotes
                 attributed to that person
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MIB = 1 << 20


def tsv_column(name, col=0):
    out = []
    with open(os.path.join(ROOT, "rules", "world", name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            out.append(line.rstrip("\n").split("\t")[col])
    return out


class World:
    def __init__(self, seed=13):
        rng = random.Random(seed)
        given = [g for g in tsv_column("given_names.tsv") if g.isalpha() and g[0].isupper()]
        sur = [s for s in tsv_column("surnames.tsv") if s.isalpha()]
        self.given = rng.sample(given[:20000], 4000)
        self.surnames = rng.sample(sur[:20000], 4000)
        places = [p for p in tsv_column("places.tsv") if p.replace(" ", "").isalpha()]
        self.places = rng.sample(places, 200)
        words = json.load(open(os.path.join(ROOT, "rules", "words.json"), encoding="utf-8"))
        self.titles = [t for t in words["titles"] if " " not in t and t[0].isupper()][:40]
        # The chain of issue 13 is `Gov. Gov. ...`: an abbreviated title, from the same lists.
        dotted = [t for t in words["titles"] + words["honorifics"] if t.endswith(".")]
        self.chain = "Gov." if "Gov." in dotted else dotted[0]
        self.dotted = [t for t in dotted if t[0].isupper()]
        self.rng = rng

    def person(self, i):
        return f"{self.given[i % len(self.given)]} {self.surnames[(i * 7919) % len(self.surnames)]}"


def quote_paragraph(w, i, people=6):
    """Invented: a paragraph of two direct quotes and a reported one by a few recurring people."""
    a, b = w.person(i % people), w.person((i + 1) % people)
    t = w.titles[i % len(w.titles)]
    place = w.places[i % len(w.places)]
    return (
        f"“We will not close the depot in {place},” {t} {a} said on Tuesday. “The crews stay, "
        f"the buses run, and the budget holds.” {b.split()[1]} said that the plan was late but "
        f"that “nobody doubts it will work.” “Why now?” asked {b}. "
        f"According to {a.split()[1]}, the vote comes next week."
    )


def fill(unit, size):
    """Repeats `unit(i)` until `size` bytes (UTF-8), never over."""
    parts, n, i = [], 0, 0
    while True:
        u = unit(i)
        b = len(u.encode("utf-8"))
        if n + b > size:
            break
        parts.append(u)
        n += b
        i += 1
    return "".join(parts)


def shape_text(name, w, size):
    if name == "quotes":
        return fill(lambda i: quote_paragraph(w, i) + "\n\n", size)
    if name == "one_paragraph":
        return fill(lambda i: quote_paragraph(w, i) + " ", size)
    opens = {
        "open_guillemet": "«",
        "open_low9": "„",
        "open_curly": "“",
        "open_apostrophe": "'",
        "open_straight": '"',
    }
    if name in opens:
        m = opens[name]
        return fill(
            lambda i: f"The {m}plan for {w.places[i % len(w.places)]} went ahead, "
            f"{w.person(i % 50)} said, and the crews {m}stayed on. ",
            size,
        )
    if name == "speakers":
        return fill(
            lambda i: f"“The line reopens in spring,” said {w.person(i)}, a driver from "
            f"{w.places[i % len(w.places)]}. {w.person(i).split()[1]} said the fares would hold.\n\n",
            size,
        )
    if name == "titled_speakers":
        return fill(
            lambda i: f"“The line reopens in spring,” said {w.titles[i % len(w.titles)]} "
            f"{w.person(i)} of {w.places[i % len(w.places)]}. “Nobody doubts it,” "
            f"{w.dotted[i % len(w.dotted)]} {w.person(i).split()[1]} added.\n\n",
            size,
        )
    if name == "titles":
        who = w.person(1)
        chain = (w.chain + " ") * (size // 3 // (len(w.chain) + 1))
        head = f"{chain}{who} said the depot would stay open.\n\n"
        surname = who.split()[1]
        rest = size - len(head.encode("utf-8"))
        return head + fill(lambda i: f"“The crews stay,” {surname} said.\n", rest)
    raise SystemExit(f"unknown shape {name}")


SHAPES = [
    "quotes",
    "one_paragraph",
    "open_guillemet",
    "open_low9",
    "open_curly",
    "open_apostrophe",
    "open_straight",
    "speakers",
    "titled_speakers",
    "titles",
]


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def du(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def run(binary, article, out, timeout, max_rss):
    """Wall and CPU seconds, peak RSS MB, output bytes, and None or why the run was stopped."""
    cmd = ["/usr/bin/time", "-v", binary, "extract", article, "-o", out, "--force", "-q"]
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    why = None
    while p.poll() is None:
        time.sleep(0.05)
        kids = children(p.pid)
        if time.monotonic() - start > timeout:
            why = f"killed after {timeout:.0f} s"
        elif kids and rss_mb(kids[0]) > max_rss:
            why = f"killed at {max_rss:.0f} MB"
        if why:
            for k in kids:
                try:
                    os.kill(k, 9)
                except OSError:
                    pass
            p.wait()
            break
    wall = time.monotonic() - start
    err = p.stderr.read()
    peak = cpu = 0.0
    for line in err.splitlines():
        line = line.strip()
        if line.startswith(("User time", "System time")):
            cpu += float(line.split(":")[1])
        elif line.startswith("Maximum resident set size"):
            peak = int(line.split(":")[1]) / 1024
        elif line.startswith("Elapsed (wall clock) time") and why is None:
            t = line.split(": ", 1)[1].split(":")
            wall = sum(float(x) * 60**k for k, x in enumerate(reversed(t)))
    if why is None and p.returncode not in (0, 1):
        why = f"exit {p.returncode}"
    return wall, cpu, peak, du(out), why


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "newsx"))
    ap.add_argument("--sizes", default="1,2,4,8", help="MiB")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--max-rss-mb", type=float, default=3000)
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    w = World()
    print(f"{args.bin}")
    print(f"{'shape':<16} {'MiB':>4} {'wall s':>8} {'CPU s':>7} {'peak MB':>8} {'out MB':>8} {'out/in':>7}")
    verdicts = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            walls = []
            for mib in sizes:
                size = int(mib * MIB) - 64  # under the default --max-bytes of 8 MiB
                text = shape_text(shape, w, size)
                path = os.path.join(tmp, f"{shape}.txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                n = len(text.encode("utf-8"))
                out = os.path.join(tmp, "out")
                wall, cpu, peak, outb, why = run(args.bin, path, out, args.timeout, args.max_rss_mb)
                subprocess.run(["rm", "-rf", out])
                walls.append((mib, wall, cpu, peak, outb / n, why))
                note = f"  {why}" if why else ""
                print(
                    f"{shape:<16} {mib:>4g} {wall:>8.2f} {cpu:>7.2f} {peak:>8.0f} {outb / 1e6:>8.1f} "
                    f"{outb / n:>7.1f}{note}",
                    flush=True,
                )
                if why:
                    break
            (m0, t0, c0, *_), (m1, t1, c1, p1, r1, why1) = walls[0], walls[-1]
            if why1 or len(walls) < len(sizes):
                verdicts.append(f"{shape}: stopped at {m1:g} MiB ({why1})")
                continue
            # CPU time decides the ratio: wall time on a shared machine measures the neighbours too.
            ratio = c1 / c0 if c0 > 0 else float("inf")
            wratio = t1 / t0 if t0 > 0 else float("inf")
            ok = ratio <= 10 * (m1 / m0) / 8 and (m1 < 8 or (t1 <= 3 and p1 <= 400)) and r1 <= 30
            verdicts.append(
                f"{shape}: {m1 / m0:g}x the size = {ratio:.1f}x the CPU time ({wratio:.1f}x wall); "
                f"{m1:g} MiB in {t1:.2f} s wall, {c1:.2f} s CPU, {p1:.0f} MB, output {r1:.1f}x the "
                f"input: {'ok' if ok else 'MISSES THE GOAL'}"
            )
    print()
    print("\n".join(verdicts))
    return 0 if all(v.endswith(": ok") for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
