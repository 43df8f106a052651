#!/usr/bin/env python3
"""Fitting audit: which hand-written rule entries occur in the development texts, and whether
the generated open data (rules/world/) has them anyway.

    target/rulegen-venv/bin/python tools/rulegen/audit.py ../shared > tools/rulegen/fitting_audit.md

(the venv that tools/rulegen/check.sh makes: the audit reads spacy-lookups-data's word
frequencies). An entry that a development article contains is suspect: it may exist because
of that article. It *remains* when the generated data has it; it *must go* when it is rare
in general English (some word of it under Zipf 3.0 in spaCy's English vocabulary) or is a
person the seed article names; otherwise it is *review*: world knowledge the dev articles happen to
contain, which should come from a source. Only entry strings from our own rule files are
printed, never text of the development articles.
"""

import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import sources  # noqa: E402

# An entry with a word rarer than this in general English is specific, not world knowledge.
GENERAL_MIN_ZIPF = 3.0

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORLD = os.path.join(REPO, "rules", "world")


def dev_texts(shared):
    """set name -> list of texts: the seed article, each eval file's articles."""
    sets = {"seed": []}
    for path in sorted(glob.glob(os.path.join(shared, "seeds", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            sets["seed"].append(f.read())
    for path in sorted(glob.glob(os.path.join(shared, "eval", "**", "*.jsonl"), recursive=True)):
        name = os.path.splitext(os.path.basename(path))[0]
        name = {"seed": "seed-gold"}.get(name, name)
        with open(path, encoding="utf-8") as f:
            sets[name] = [json.loads(line)["text"] for line in f if line.strip()]
    return sets


def load_tsv(name):
    with open(os.path.join(WORLD, name), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]


class World:
    """The generated tables, as the audit asks them."""

    def __init__(self):
        self.given = {r[0] for r in load_tsv("given_names.tsv")}
        self.surname = {fold(r[0]) for r in load_tsv("surnames.tsv")}
        self.places = {r[0]: r for r in load_tsv("places.tsv")}
        self.words = {r[0] for r in load_tsv("common_words.tsv")}
        demonyms = load_tsv("demonyms.tsv")
        self.norp = {r[0] for r in demonyms} | {r[1] for r in demonyms}
        self.dictionary = sources.english_dictionary()

    def has(self, entry, category):
        """Where the generated data has this entry ('' when it does not)."""
        tokens = entry.split()
        if category == "PERSON":
            first, last = tokens[0], tokens[-1]
            if len(tokens) > 1 and first in self.given:
                return "given name + capitalised word (given_names.tsv)"
            if len(tokens) == 1 and fold(first) in self.surname:
                return "surname (surnames.tsv)"
            if len(tokens) == 1 and first in self.given:
                return "given name (given_names.tsv)"
            return ""
        if category == "given":
            return "given_names.tsv" if entry in self.given else ""
        if category in ("GPE", "LOC", "FAC", "place_word"):
            if entry in self.places:
                p = self.places[entry]
                return f"places.tsv ({p[2]}, tier {p[6]})"
            if category == "place_word" and fold(entry) in self.surname:
                return "surnames.tsv"
            return ""
        if category == "NORP":
            return "demonyms.tsv" if entry in self.norp else ""
        if category == "not_name":
            if entry.lower() in self.words:
                return "common_words.tsv"
            if entry in self.norp:
                return "demonyms.tsv"
            return ""
        if category == "cue":
            # Cue words are English vocabulary, not names: a dictionary word is not fitted.
            low = entry.lower()
            if all(t in self.words for t in low.split()):
                return "common_words.tsv"
            if all(t in self.dictionary for t in low.split()):
                return "English dictionary (WordNet, in spacy-lookups-data)"
            return ""
        return ""


def rarest_zipf(entry, words):
    """Zipf frequency of the entry's rarest word, exact case; letters-only pieces, since spaCy's
    vocabulary splits "U.S." and "It's" (one-letter pieces count only if nothing else is left)."""
    pieces = re.findall(r"[^\W\d_]+", entry)
    longer = [p for p in pieces if len(p) > 1]
    return min(((words.zipf(p) or 0.0) for p in (longer or pieces)), default=0.0)


def fold(s):
    return re.sub(r"[^A-Za-z]", "", s).upper()


def occurrences(entry, sets):
    """Names of the development sets whose texts contain the entry as a whole word."""
    pat = re.compile(r"(?<!\w)" + re.escape(entry) + r"(?!\w)")
    return [name for name, texts in sets.items() if any(entry in t and pat.search(t) for t in texts)]


def lists():
    """(rule file, list name, audit category, entries) for every list the audit covers."""
    rules = os.path.join(REPO, "rules")
    with open(os.path.join(rules, "gazetteer_names.json"), encoding="utf-8") as f:
        names = json.load(f)
    with open(os.path.join(rules, "gazetteer_places.json"), encoding="utf-8") as f:
        places = json.load(f)
    with open(os.path.join(rules, "given_names.json"), encoding="utf-8") as f:
        given = json.load(f)
    with open(os.path.join(rules, "entities.json"), encoding="utf-8") as f:
        ent = json.load(f)
    out = [("gazetteer_names.json", k, k, v) for k, v in names.items()]
    out += [("gazetteer_places.json", k, k, v) for k, v in places.items()]
    out.append(("given_names.json", "given_names", "given", given["given_names"]))
    out.append(("entities.json", "not_names", "not_name", ent["not_names"]))
    out.append(("entities.json", "place_word_surnames", "place_word", ent["place_word_surnames"]))
    out.append(("entities.json", "person_cues_before", "cue", ent["person_cues_before"]))
    out.append(("entities.json", "person_cues_after", "cue", ent["person_cues_after"]))
    return out


VERDICT_NOTE = {
    "PERSON": "A person entry is never *in* the generated data (it holds no people), so none "
    "remains; the last column says whether the name-shape rule with the generated given names "
    "or surnames would still find the mention once the entry is gone.",
    "ORG": "No open source for organisations is generated yet: entries found in a development text "
    "need a source or a reason beyond that article, or must go.",
}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: audit.py SHARED_DIR  (the ../shared folder beside the checkout)")
    sets = dev_texts(sys.argv[1])
    world = World()
    words = sources.WordFrequencies()
    out = [
        "# Fitting audit of the hand-written rule lists",
        "",
        "Made by `python3 tools/rulegen/audit.py ../shared > tools/rulegen/fitting_audit.md`. "
        "For every entry of the lists below that occurs (whole word, case-sensitive) in a "
        "development text (`seed` = the seed article, `seed-gold`, `news_dev`, `interview_dev`, "
        "the sentence suites), it says where, the Zipf frequency of its rarest word in general "
        "English (spaCy's English vocabulary, exact case), and whether the generated open data "
        "in `rules/world/` has it. **remains**: the open sources have it anyway. **must go**: it "
        "is rare in general English (rarest word under Zipf "
        f"{GENERAL_MIN_ZIPF}), or it is a person the seed article names, so a development "
        "article is the likely reason it is there: remove it. **review**: common knowledge that no generated source covers yet; keep it only "
        "with a source. Entries that occur in no development text are not listed.",
        "",
    ]
    summary = [
        "| file | list | entries | in a dev text | remain | review | must go |",
        "|---|---|---|---|---|---|---|",
    ]
    body = []
    for fname, key, cat, entries in lists():
        rows = []
        for e in sorted(set(entries)):
            where = occurrences(e, sets)
            if not where:
                continue
            has = world.has(e, cat)
            rarest = rarest_zipf(e, words)
            if has and cat != "PERSON":
                verdict = "remains"
            elif rarest < GENERAL_MIN_ZIPF or (cat == "PERSON" and "seed" in where):
                verdict = "must go"
            else:
                verdict = "review"
            rows.append((verdict, e, ", ".join(where), f"{rarest:.1f}", has or "-"))
        n = {v: sum(1 for r in rows if r[0] == v) for v in ("remains", "review", "must go")}
        summary.append(
            f"| {fname} | {key} | {len(set(entries))} | {len(rows)} | {n['remains']} | "
            f"{n['review']} | {n['must go']} |"
        )
        if not rows:
            continue
        body += ["", f"## {fname} `{key}`", ""]
        if cat in VERDICT_NOTE:
            body += [VERDICT_NOTE[cat], ""]
        body += ["| verdict | entry | found in | rarest word (Zipf) | generated data |"]
        body += ["|---|---|---|---|---|"]
        order = {"must go": 0, "review": 1, "remains": 2}
        for verdict, e, where, z, has in sorted(rows, key=lambda r: (order[r[0]], r[1])):
            body.append(f"| {verdict} | {e.replace('|', '/')} | {where} | {z} | {has} |")
    cover = [
        "",
        "How much of each whole list (found in a dev text or not) the generated data has:",
        "",
        "| file | list | entries | in the generated data |",
        "|---|---|---|---|",
    ]
    for fname, key, cat, entries in lists():
        if cat in ("given", "GPE", "LOC", "NORP", "not_name", "place_word"):
            n = sum(1 for e in set(entries) if world.has(e, cat))
            cover.append(f"| {fname} | {key} | {len(set(entries))} | {n} |")
    print("\n".join(out + summary + cover + body))


if __name__ == "__main__":
    main()
