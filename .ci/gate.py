#!/usr/bin/env python3
"""Accuracy gate: runs newsx on every development gold set, scores it with ../shared/eval/score.py
and fails when a figure falls below the floor in .ci/floors.json (what was reached, minus a margin).

    python3 .ci/gate.py target/release/newsx ../shared [--print]

--print shows every figure next to its floor (to raise the floors after an improvement).
"""
import json, subprocess, sys, tempfile
from pathlib import Path

here = Path(__file__).resolve().parent
binary, shared = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
floors = json.loads((here / "floors.json").read_text())
failed = []
with tempfile.TemporaryDirectory() as tmp:
    for gold_name, checks in floors.items():
        if gold_name.startswith("_"):
            continue
        gold = shared / "eval" / gold_name
        out = Path(tmp) / gold_name.replace("/", "_")
        subprocess.run([binary, "extract", gold, "-o", out, "-q"], check=False)
        res = json.loads(subprocess.run([sys.executable, shared / "eval/score.py", gold, out / "articles.jsonl", "--json"],
                                        check=True, capture_output=True, text=True).stdout)
        if res["missing_articles"] or res["offset_errors"]:
            failed.append(f"{gold_name}: {res['missing_articles']} missing articles, {res['offset_errors']} offset errors")
        for path, floor in checks.items():
            v = res
            for k in path.split("."):
                v = v.get(k) if isinstance(v, dict) else None
            ok = v is not None and v >= floor
            print(f"{'ok  ' if ok else 'FAIL'} {gold_name:40} {path:32} {v!s:8} (floor {floor})")
            if not ok:
                failed.append(f"{gold_name}: {path} = {v}, below the floor {floor}")
if failed:
    print("\naccuracy gate failed:\n  " + "\n  ".join(failed))
    sys.exit(1)
print("accuracy gate passed")
