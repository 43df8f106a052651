#!/usr/bin/env python3
"""Time, peak memory and size of the table formats of `newsx extract`, on one corpus.

    python3 scripts/bench_formats.py [--bin target/release/newsx] [--mb 100] [--repeat 1]

Runs the same corpus (made and cached by scripts/bench.py's corpus(), target/bench-corpus-*mb) as
CSV (the default), `--format parquet` and CSV with `--xlsx`, each with --force into a temp folder,
best wall time of --repeat; peak memory (max RSS) and CPU seconds come from /usr/bin/time. "tables"
is the bytes of the format's table files (the .csv or .parquet files, and the workbook), beside all
the output (articles.jsonl and the manifest are the same in every run). Prints a markdown table.
"""
import argparse, sys, tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import corpus, root, timed  # noqa: E402

FORMATS = [
    ("CSV", [], (".csv",)),
    ("Parquet", ["--format", "parquet"], (".parquet",)),
    ("CSV + --xlsx", ["--xlsx", "{out}/tables.xlsx"], (".csv", ".xlsx")),
]


def size(folder, suffixes=None):
    return sum(p.stat().st_size for p in Path(folder).iterdir()
               if p.is_file() and (suffixes is None or p.suffix in suffixes))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(root / "target/release/newsx"))
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    src = corpus(a.mb)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, flags, suffixes in FORMATS:
            out = f"{tmp}/out"
            cmd = [a.bin, "extract", src, "-o", out, "-q", "--force"] + [f.format(out=out) for f in flags]
            runs = [timed(cmd) for _ in range(a.repeat)]
            wall = min(r[0] for r in runs)
            rss = max(r[1] for r in runs)
            cpu = min(r[2] for r in runs)
            rows.append((name, wall, cpu, rss, size(out, suffixes), size(out)))
    print(f"{a.mb:g} MB corpus ({src.name}), best of {a.repeat}\n")
    print("| format | wall | CPU s | peak RSS | tables | all output |")
    print("|---|---|---|---|---|---|")
    for name, wall, cpu, rss, tables, total in rows:
        print(f"| {name} | {wall:.2f} s | {cpu:.1f} | {rss:.0f} MB | {tables / 1e6:.1f} MB | {total / 1e6:.0f} MB |")


if __name__ == "__main__":
    main()
