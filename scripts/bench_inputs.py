#!/usr/bin/env python3
"""Throughput of the CSV and HTML readers, against the same articles as .txt and a `cat` floor.

    python3 scripts/bench_inputs.py CORPUS_DIR [--bin target/release/newsx] [--baseline BIN] [-j N]

CORPUS_DIR is a folder of .txt articles (`make_corpus.py --mb 100` output). The script writes, once,
beside it in a temporary folder: one CSV export of every article (id, title, body, date, outlet) and
one HTML page per article in the style of a news site (navigation, share bar, JSON-LD, cookie banner,
related links, the paragraphs as <p>). It then times in ONE run, each best of --repeat:
`cat` of the .txt files, newsx on the .txt files (and --baseline on them, for the cost of the new
formats when unused), newsx on the CSV and newsx on the pages, and prints MB/s of input and of
article text, and ratios to the .txt run.
"""
import argparse
import csv
import html
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Bench Gazette</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Bench Gazette">
<meta property="article:published_time" content="2031-01-{day:02d}T08:00:00Z">
<script type="application/ld+json">{ld}</script>
<script>window.analytics = {{"page": "article"}};</script><style>.share{{display:flex}}</style></head>
<body><header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<div id="cookie-banner"><p>We use cookies to improve this site. Accept them or change your settings.</p><button>Accept</button></div>
<main><article><h1>{title}</h1><p class="byline">By Bench Writer</p>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<div class="article-body">
{paras}
</div>
<section class="related"><h2>Related</h2><ul><li><a href="/a">Another story</a></li><li><a href="/b">And another</a></li></ul></section>
</article></main><footer><p>Copyright Bench Gazette</p></footer></body></html>
"""


def txt_files(root):
    out = []
    for d, _, files in os.walk(root):
        out.extend(os.path.join(d, f) for f in files if f.endswith(".txt"))
    return sorted(out)


def build(corpus, work):
    files = txt_files(corpus)
    csv_dir, html_dir = os.path.join(work, "csv"), os.path.join(work, "html")
    os.makedirs(csv_dir)
    os.makedirs(html_dir)
    with open(os.path.join(csv_dir, "export.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "headline", "body", "date", "outlet"])
        for i, p in enumerate(files):
            text = open(p, encoding="utf-8").read()
            title = text.split("\n", 1)[0][:80]
            w.writerow([f"a{i}", title, text, f"2031-01-{i % 28 + 1:02d}", "Bench Gazette"])
    for i, p in enumerate(files):
        text = open(p, encoding="utf-8").read()
        lines = [l for l in text.split("\n") if l.strip()]
        title = lines[0][:80] if lines else "Untitled"
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                         "author": {"@type": "Person", "name": "Bench Writer"},
                         "publisher": {"@type": "Organization", "name": "Bench Gazette"}})
        paras = "\n".join(f"<p>{html.escape(l)}</p>" for l in lines)
        sub = os.path.join(html_dir, f"{i // 1000:04d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"a{i}.html"), "w", encoding="utf-8") as f:
            f.write(PAGE.format(title=html.escape(title), ld=ld.replace("</", "<\\/"), paras=paras,
                                day=i % 28 + 1))
    return files, csv_dir, html_dir


def size(paths):
    return sum(os.path.getsize(p) for p in paths)


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd, repeat):
    """Best wall time of `repeat` runs, and the CPU seconds of that run (steadier on a busy machine)."""
    best = None
    for _ in range(repeat):
        t, c = time.perf_counter(), cpu()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        dt, dc = time.perf_counter() - t, cpu() - c
        if r.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed: {r.stderr.decode()[-500:]}")
        if best is None or dt < best[0]:
            best = (dt, dc)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--bin", default="target/release/newsx")
    ap.add_argument("--baseline")
    ap.add_argument("-j", "--jobs", default=str(os.cpu_count()))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="newsx-inputs-")
    try:
        files, csv_dir, html_dir = build(args.corpus, work)
        pages = txt_files(html_dir) or [os.path.join(d, f) for d, _, fs in os.walk(html_dir) for f in fs]
        text_mb = size(files) / 1e6
        runs = [("cat .txt (floor)", ["sh", "-c", 'find "$0" -name "*.txt" -print0 | xargs -0 cat', args.corpus],
                 size(files))]
        out = os.path.join(work, "out")
        newsx = lambda b, inp: [b, "extract", inp, "-o", out, "-q", "--force", "-j", args.jobs]
        runs.append(("newsx .txt", newsx(args.bin, args.corpus), size(files)))
        if args.baseline:
            runs.append(("baseline .txt", newsx(args.baseline, args.corpus), size(files)))
        runs.append(("newsx .csv", newsx(args.bin, csv_dir), size([os.path.join(csv_dir, "export.csv")])))
        runs.append(("newsx .html", newsx(args.bin, html_dir), size(pages)))
        times = {}
        print(f"{len(files)} articles, {text_mb:.1f} MB of text; -j {args.jobs}; best of {args.repeat}")
        print(f"{'run':<18} {'input MB':>9} {'seconds':>8} {'input MB/s':>11} {'text MB/s':>10} {'vs .txt':>8}"
              f" {'CPU s':>7} {'CPU vs .txt':>12}")
        for name, cmd, nbytes in runs:
            times[name] = timed(cmd, args.repeat)
        t0, c0 = times["newsx .txt"]
        for name, cmd, nbytes in runs:
            t, c = times[name]
            print(f"{name:<18} {nbytes / 1e6:>9.1f} {t:>8.2f} {nbytes / 1e6 / t:>11.1f} {text_mb / t:>10.1f}"
                  f" {t / t0:>8.2f} {c:>7.2f} {c / c0:>12.2f}")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
