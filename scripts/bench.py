#!/usr/bin/env python3
"""Whole-run speed of `newsx extract` as ratios against a floor, in one run.

    python3 scripts/bench.py [--bin target/release/newsx] [--mb 100] [--small-mb 25] [--repeat 3]

Makes corpora with ../shared/bench/make_corpus.py (once, into target/bench-corpus-*), then times,
best of --repeat each: `cat` of every file (the floor), `newsx extract -j 2` and `-j 1` (with
--force, into a temp folder), and one small article (median of 20 runs: start-up dominates). Peak
memory (max RSS) and CPU seconds (user + system: what a busy machine distorts least) come from
/usr/bin/time; the run at --small-mb shows whether it is flat in corpus
size. Prints a markdown table.
"""
import argparse, statistics, subprocess, sys, tempfile, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent


def corpus(mb):
    out = root / f"target/bench-corpus-{mb:g}mb"
    if not out.exists():
        subprocess.run([sys.executable, root / "../shared/bench/make_corpus.py", "--mb", str(mb), "--out", out], check=True)
    return out


def timed(cmd, **kw):
    """Wall seconds, max RSS in MB and CPU seconds (user + system) of one run of cmd."""
    start = time.perf_counter()
    res = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + [str(c) for c in cmd], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, **kw)
    wall = time.perf_counter() - start
    if res.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({res.returncode}): {res.stderr[-500:]}")
    rss, user, system = res.stderr.strip().splitlines()[-1].split()
    return wall, int(rss) / 1024, float(user) + float(system)


def best(cmd, repeat):
    runs = [timed(cmd) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), min(r[2] for r in runs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(root / "target/release/newsx"))
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--small-mb", type=float, default=25)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in (a.small_mb, a.mb):
            src = corpus(mb)
            files = sorted(str(p) for p in src.rglob("*") if p.is_file())
            cat_s, _, _ = best(["sh", "-c", 'xargs cat < "$0" > /dev/null', write_list(tmp, files)], a.repeat)
            j2 = best([a.bin, "extract", src, "-o", f"{tmp}/j2", "-q", "--force", "-j", "2"], a.repeat)
            j1 = best([a.bin, "extract", src, "-o", f"{tmp}/j1", "-q", "--force", "-j", "1"], a.repeat)
            rows.append((mb, len(files), cat_s, j2, j1))
        texts = sorted(corpus(a.small_mb).rglob("*.txt"), key=lambda p: p.stat().st_size)
        small = texts[len(texts) // 2]
        runs = [timed([a.bin, "extract", small, "-o", f"{tmp}/one", "-q", "--force"]) for _ in range(20)]
    print("| corpus | articles | cat | -j 2 | -j 2 / cat | -j 1 | -j 1 / -j 2 | CPU s -j 2 / -j 1 | peak RSS -j 2 / -j 1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for mb, n, cat_s, j2, j1 in rows:
        print(f"| {mb:g} MB | {n:,} | {cat_s:.2f} s | {j2[0]:.2f} s | {j2[0] / cat_s:.1f}× | {j1[0]:.2f} s "
              f"| {j1[0] / j2[0]:.2f}× | {j2[2]:.1f} / {j1[2]:.1f} | {j2[1]:.0f} / {j1[1]:.0f} MB |")
    print(f"\none small article ({small.stat().st_size:,} bytes): median {statistics.median(r[0] for r in runs) * 1000:.0f} ms, "
          f"peak {max(r[1] for r in runs):.0f} MB (20 runs)")


def write_list(tmp, files):
    path = Path(tmp) / "files.txt"
    path.write_text("\n".join(files) + "\n")
    return str(path)


if __name__ == "__main__":
    main()
