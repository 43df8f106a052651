#!/usr/bin/env python3
"""Evidence for wiring rules/world/ into the entity tagger: a measuring prototype, not a tagger.

    python3 tools/rulegen/prototype.py ../shared/eval/gum/news_dev.jsonl ../shared/eval/gum/interview_dev.jsonl

For each gold file it measures, with today's hand-written lists and with the generated ones:
  A. person names: gold PERSON mentions found by the shape "given name + capitalised word"
     (and the same article's later bare surnames), and the shape's hits outside gold PERSON;
  B. places: gold place mentions a place list would match, and its hits outside gold places,
     per tier policy;
  C. given-name gender against the gold speaker gender (issue 11);
  D. capitalised sentence openers: how often a common-word list says "not a name" rightly;
  E. surnames: bare capitalised words the Census list would call a surname.
Only counts are printed; no text of the gold files. The lists are not tuned to these files:
the thresholds live in tables.py and were fixed before this was run.
"""

import collections
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RULES = os.path.join(REPO, "rules")
# Dotted abbreviations (U.S., L.A.), initials (J.), words with inner hyphens and apostrophes
# but not a possessive 's, which is a token of its own; anything else is one character.
WORD = re.compile(
    r"[^\W\d_](?:\.[^\W\d_])+\.?|[^\W\d_]\.(?=\s)|[^\W\d_]+(?:['’\-](?!s\b)[^\W\d_]+)*|\S"
)


def load_tsv(name):
    with open(os.path.join(RULES, "world", name), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]


def load_json(name):
    with open(os.path.join(RULES, name), encoding="utf-8") as f:
        return json.load(f)


class Lists:
    """Today's lists and the generated ones, as sets keyed for the measures."""

    def __init__(self):
        given = load_tsv("given_names.tsv")
        self.gen_given = {r[0] for r in given}
        self.gen_given_ssa = {r[0] for r in given if int(r[3]) + int(r[4]) >= 1000}
        self.gen_given_nd = {r[0] for r in given if int(r[5]) > 0}
        self.gen_given_unmarked = {r[0] for r in given if "w" not in r[7]}
        self.gender = {r[0]: r[1] for r in given}
        self.share = {r[0]: r[2] for r in given}
        self.today_given = set(load_json("given_names.json")["given_names"])
        self.places = {r[0]: r for r in load_tsv("places.tsv")}
        today = load_json("gazetteer_places.json")
        self.today_places = {e for v in today.values() for e in v}
        self.surname_rank = {fold(r[0]): int(r[1]) for r in load_tsv("surnames.tsv")}
        self.surnames = set(self.surname_rank)
        self.words = {r[0]: int(r[2]) for r in load_tsv("common_words.tsv")}
        ent = load_json("entities.json")
        self.today_not = set(ent["not_names"]) | set(ent["common_words"])


def fold(s):
    return re.sub(r"[^A-Za-z]", "", s).upper()


def tokens(text):
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def is_cap(tok):
    return tok[:1].isupper() and tok[:1].isalpha()


NAME_WORD = re.compile(r"[^\W\d_a-z][^\W\d_]*(?:['’\-][^\W\d_]+)*")


def name_word(tok):
    """A capitalised word as a surname is written: Rathbun, O'Neill, Wai-ching, Hazard's."""
    w = re.sub(r"(['’]s)?\.?$", "", tok)
    return bool(NAME_WORD.fullmatch(w)) and w[:1].isupper()


def inside(span, spans):
    s, e = span
    return any(a <= s and e <= b for a, b in spans)


def overlaps(span, spans):
    s, e = span
    return any(s < b and a < e for a, b in spans)


def gold_spans(art, types):
    return [(e["start"], e["end"]) for e in art["entities"] if e["type"] in types]


def sentence_starts(art, toks):
    """Token indices that open a gold sentence."""
    starts = {s for s, _ in art.get("sentences", [])}
    return {i for i, t in enumerate(toks) if t[0] in starts}


def named(span, text):
    """A mention with a capitalised word beyond a leading article: a name, not 'the ambassador'."""
    words = [w for _, _, w in tokens(text[span[0] : span[1]])]
    words = [w for w in words if w not in ("The", "A", "An")]
    return any(is_cap(w) for w in words)


def full_name(span, text):
    """A mention that holds two adjacent capitalised words (a full personal name, usually)."""
    words = [w for _, _, w in tokens(text[span[0] : span[1]])]
    return any(is_cap(a) and is_cap(b) for a, b in zip(words, words[1:]))


# --- A. person shape ------------------------------------------------------------------------


def same_line(text, a, b):
    return "\n" not in text[a:b]


def shape_hits(toks, given, text, filters=None):
    """(start, end, surname) of every 'Given [X.] Capitalised' on one line of the article.

    filters = (places, words, surnames) also drops a hit that overlaps a place of two or more
    words (Hong Kong), and one whose second word is a common word but no surname (Irving
    Police, Duke University)."""
    out = []
    for i, (s, e, w) in enumerate(toks):
        if w not in given:
            continue
        j = i + 1
        if j < len(toks) and re.fullmatch(r"[A-Z]\.", toks[j][2]):
            j += 1
        if j < len(toks) and name_word(toks[j][2]) and same_line(text, s, toks[j][1]):
            sur = re.sub(r"(['’]s)?\.?$", "", toks[j][2])
            if filters is not None:
                places, words, surnames = filters
                if sur.lower() in words and fold(sur) not in surnames:
                    continue
            out.append((s, toks[j][1], sur))
    if filters is not None:
        multi_place = lambda k: filters[0].get(k) if " " in k else None  # noqa: E731
        multi = [(s, e) for s, e, _ in place_hits(toks, multi_place, set(), False)]
        out = [h for h in out if not overlaps((h[0], h[1]), multi)]
    return out


HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[A-Za-z][a-z]+")


def surname_first_hits(toks, surnames):
    """(start, end, surname) of 'Surname Xx-yy': Chinese and Korean names written surname
    first with a hyphenated given name (a Census surname, then the hyphenated part)."""
    out = []
    for i in range(len(toks) - 1):
        s, _, w = toks[i]
        nxt = re.sub(r"(['’]s)?\.?$", "", toks[i + 1][2])
        if fold(w) in surnames and is_cap(w) and HYPHENATED_GIVEN.fullmatch(nxt):
            out.append((s, toks[i + 1][1], w))
    return out


def measure_people(arts, given, surnames=None, filters=None):
    found_full = found_named = total_full = total_named = fp = fp_other = hits_total = 0
    for art in arts:
        text, toks = art["text"], tokens(art["text"])
        person = gold_spans(art, {"PERSON"})
        other = gold_spans(art, {"ORG", "LOC", "GPE", "EVENT", "FAC", "NORP", "PRODUCT"})
        hits = shape_hits(toks, given, text, filters)
        if surnames is not None:
            hits += surname_first_hits(toks, surnames)
        spans = [(s, e) for s, e, _ in hits]
        hits_total += len(spans)
        found_surnames = {w for _, _, w in hits}
        # The article's later bare surnames of people the shape found.
        bare = [(s, e) for s, e, w in toks if re.sub(r"(['’]s)?\.?$", "", w) in found_surnames]
        for p in person:
            if not named(p, text):
                continue
            total_named += 1
            got = any(inside(h, [p]) for h in spans) or any(inside(b, [p]) for b in bare)
            found_named += got
            if full_name(p, text):
                total_full += 1
                found_full += any(inside(h, [p]) for h in spans)
        for h in spans:
            if not overlaps(h, person):
                fp += 1
                fp_other += overlaps(h, other)
    return {
        "full": (found_full, total_full),
        "named": (found_named, total_named),
        "hits": hits_total,
        "fp": fp,
        "fp_other": fp_other,
    }


# --- B. places --------------------------------------------------------------------------------


def place_hits(toks, lookup, starts, skip_word_at_start, given=None):
    """(start, end, row) of the longest capitalised token run that is a place entry.

    skip_word_at_start: a word-tier place opening a sentence is not taken. given: a name-tier
    place is taken only standing alone, with no given name or capitalised word inside the
    sentence before it and no capitalised word after it (Jordan Smith, Laura Bush)."""
    out = []
    i = 0
    while i < len(toks):
        if not is_cap(toks[i][2]):
            i += 1
            continue
        for n in range(min(6, len(toks) - i), 0, -1):
            s, e = toks[i][0], toks[i + n - 1][1]
            key = " ".join(t[2] for t in toks[i : i + n])
            row = lookup(key)
            if row is None:
                continue
            tier = row[6] if isinstance(row, list) else None
            if skip_word_at_start and tier == "word" and i in starts:
                break
            if given is not None and tier == "name":
                before = toks[i - 1][2] if i > 0 and i not in starts else ""
                after = toks[i + n][2] if i + n < len(toks) else ""
                if before in given or name_word(before) or name_word(after):
                    break
            out.append((s, e, row))
            i += n - 1
            break
        i += 1
    return out


def measure_places(arts, lookup, skip_word_at_start=False, given=None):
    found = total = hits = fp = fp_person = fp_org = 0
    for art in arts:
        text, toks = art["text"], tokens(art["text"])
        places = gold_spans(art, {"LOC", "GPE", "FAC"})
        person = gold_spans(art, {"PERSON"})
        org = gold_spans(art, {"ORG", "EVENT"})
        hs = place_hits(toks, lookup, sentence_starts(art, toks), skip_word_at_start, given)
        spans = [(s, e) for s, e, _ in hs]
        for p in places:
            if not named(p, text):
                continue
            total += 1
            found += any(inside(h, [p]) for h in spans)
        for h in spans:
            hits += 1
            if inside(h, places):
                continue
            fp += 1
            fp_person += overlaps(h, person)
            fp_org += overlaps(h, org)
    return {"found": (found, total), "hits": hits, "fp": fp, "fp_person": fp_person, "fp_org": fp_org}


def tier_lookup(lists, tiers):
    def f(key):
        row = lists.places.get(key)
        return row if row is not None and row[6] in tiers else None

    return f


# --- C. gender --------------------------------------------------------------------------------


def measure_gender(arts, lists):
    """Per quote with a gold speaker gender: the first word of the speaker's name that is in
    the given-name table, and what the table says."""
    c = collections.Counter()
    for art in arts:
        for q in art["quotes"]:
            gold = q.get("speaker_gender")
            if gold not in ("female", "male"):
                continue
            c["quotes"] += 1
            words = [w for _, _, w in tokens(q.get("speaker") or "")]
            # The name is the last run of capitalised words ("... president Sehar Memon"); its
            # first word is the given name when a surname follows it.
            run = []
            for w in reversed(words):
                if not is_cap(w):
                    break
                run.insert(0, w)
            first = run[0] if len(run) >= 2 else None
            if first not in lists.gender:
                c["no given name"] += 1
                continue
            g = {"f": "female", "m": "male"}.get(lists.gender[first])
            if g is None:
                c["unknown"] += 1
            elif g == gold:
                c["right"] += 1
            else:
                c["wrong"] += 1
    return c


# --- D. sentence openers, E. surnames ---------------------------------------------------------


def measure_openers(arts, is_word):
    """Capitalised sentence openers: (not in a gold entity and called a word, not in a gold
    entity, in a gold entity but called a word, in a gold entity)."""
    right = total_plain = wrong = total_ent = 0
    for art in arts:
        toks = tokens(art["text"])
        ents = gold_spans(art, {"PERSON", "ORG", "LOC", "GPE", "EVENT", "FAC", "NORP", "PRODUCT"})
        for i in sentence_starts(art, toks):
            s, e, w = toks[i]
            if not is_cap(w) or not w.isalpha():
                continue
            # An entity that starts with "The" is judged on its name, not the article.
            in_ent = any(a == s and art["text"][a:b].split()[0] not in ("The", "A", "An") for a, b in ents)
            called = is_word(w)
            if in_ent:
                total_ent += 1
                wrong += called
            else:
                total_plain += 1
                right += called
    return right, total_plain, wrong, total_ent


def measure_surnames(arts, lists):
    """Capitalised one-word tokens inside sentences: in gold PERSON vs elsewhere, and how many
    of each the Census surname list holds."""
    c = collections.Counter()
    for art in arts:
        toks = tokens(art["text"])
        starts = sentence_starts(art, toks)
        person = gold_spans(art, {"PERSON"})
        ents = gold_spans(art, {"ORG", "LOC", "GPE", "EVENT", "FAC", "NORP", "PRODUCT"})
        for i, (s, e, w) in enumerate(toks):
            if i in starts or not is_cap(w) or not w.isalpha() or w.isupper():
                continue
            where = "person" if inside((s, e), person) else "other entity" if inside((s, e), ents) else "no entity"
            c[where] += 1
            rank = lists.surname_rank.get(fold(w))
            c[where + " surname"] += rank is not None
            c[where + " top"] += rank is not None and rank <= 5000
            c[where + " top+"] += rank is not None and rank <= 5000 and w.lower() not in lists.words
    return c


# --- report -----------------------------------------------------------------------------------


def pct(a, b):
    return f"{a}/{b} ({100 * a / b:.1f}%)" if b else f"{a}/0"


def md_table(headers, rows):
    """Markdown table lines."""
    return ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)] + [
        "| " + " | ".join(str(c) for c in r) + " |" for r in rows
    ]


def report(path, lists):
    with open(path, encoding="utf-8") as f:
        arts = [json.loads(line) for line in f if line.strip()]
    out = [f"## {os.path.basename(path)} ({len(arts)} articles)", ""]

    filters = (lists.places, lists.words, lists.surnames)
    people = [
        ("today's given_names.json", lists.today_given, None, None),
        ("generated, all", lists.gen_given, None, None),
        ("generated, US births >= 1000 only (public domain part)", lists.gen_given_ssa, None, None),
        ("generated, nam_dict only (GFDL part)", lists.gen_given_nd, None, None),
        ("generated, without names marked w (common word)", lists.gen_given_unmarked, None, None),
        ("today's + generated", lists.today_given | lists.gen_given, None, None),
        ("generated, all, + 'Surname Xx-yy' (surnames.tsv)", lists.gen_given, lists.surnames, None),
        ("generated, all, + 'Surname Xx-yy', places first, no common-word second word",
         lists.gen_given, lists.surnames, filters),
        ("today's, places first, no common-word second word", lists.today_given, None, filters),
    ]
    rows = []
    for label, given, surnames, flt in people:
        m = measure_people(arts, given, surnames, flt)
        rows.append([label, len(given), pct(*m["full"]), pct(*m["named"]), m["hits"],
                     pct(m["fp"], m["hits"]), m["fp_other"]])
    out += ["### A. Person names: 'given name [X.] Capitalised'", ""]
    out += md_table(["given-name list", "names", "full-name PERSON mentions found",
                     "named PERSON mentions found (+ later bare surname)", "shape hits",
                     "hits outside gold PERSON", "of which inside another gold entity"], rows)

    every = {"safe", "small", "name", "word"}
    today = lambda k: "today" if k in lists.today_places else None  # noqa: E731
    gen = tier_lookup(lists, every)
    places = [
        ("today's gazetteer_places.json", today, False, None),
        ("generated: safe", tier_lookup(lists, {"safe"}), False, None),
        ("generated: safe + small", tier_lookup(lists, {"safe", "small"}), False, None),
        ("generated: safe + small + name", tier_lookup(lists, {"safe", "small", "name"}), False, None),
        ("generated: all tiers", gen, False, None),
        ("generated: all tiers, word tier not opening a sentence, name tier alone", gen, True, lists.gen_given),
        ("today's + generated (as the row above)", lambda k: gen(k) or today(k), True, lists.gen_given),
    ]
    rows = []
    for label, lookup, skip, given in places:
        m = measure_places(arts, lookup, skip, given)
        rows.append([label, pct(*m["found"]), m["hits"], pct(m["fp"], m["hits"]), m["fp_person"], m["fp_org"]])
    out += ["", "### B. Places: longest capitalised run that is a list entry", ""]
    out += md_table(["place list", "named gold place mentions found", "hits", "hits outside gold places",
                     "of which in gold PERSON", "in gold ORG/EVENT"], rows)

    g = measure_gender(arts, lists)
    q = g["quotes"]
    out += ["", "### C. Given-name gender vs gold speaker gender (quotes whose gold gives one)", ""]
    out += md_table(["quotes", "right", "wrong", "table says unknown", "no given name in the speaker"],
                    [[q, pct(g["right"], q), pct(g["wrong"], q), pct(g["unknown"], q), pct(g["no given name"], q)]])

    openers = [
        ("today's not_names + common_words", lambda w: w in lists.today_not),
        ("generated common_words.tsv (Zipf >= 3 and lowercase >= 50%, or Zipf >= 4)",
         lambda w: w.lower() in lists.words),
        ("generated common_words.tsv, lowercase share >= 90% only",
         lambda w: lists.words.get(w.lower(), 0) >= 90),
    ]
    rows = []
    for label, f in openers:
        r, tp, wr, te = measure_openers(arts, f)
        rows.append([label, pct(r, tp), pct(wr, te)])
    out += ["", "### D. Capitalised sentence openers: is it a common word, so not a name?", ""]
    out += md_table(["list", "openers outside gold entities called a word",
                     "gold entity openers wrongly called a word"], rows)

    s = measure_surnames(arts, lists)
    rows = []
    for where in ("person", "other entity", "no entity"):
        n = s[where]
        rows.append([f"in gold {where}", n, pct(s[where + " surname"], n), pct(s[where + " top"], n),
                     pct(s[where + " top+"], n)])
    out += ["", "### E. Capitalised words inside sentences that the Census surname list holds", ""]
    out += md_table(["where", "tokens", "in surnames.tsv", "rank <= 5000",
                     "rank <= 5000 and not a common word"], rows)
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: prototype.py GOLD.jsonl [GOLD.jsonl ...]")
    lists = Lists()
    out = [
        "# Evidence for the wiring: the generated lists on the GUM dev texts",
        "",
        "Made by `python3 tools/rulegen/prototype.py "
        + " ".join("../shared/eval/gum/" + os.path.basename(p) for p in sys.argv[1:])
        + " > tools/rulegen/evidence.md`. GUM marks noun-phrase spans and types PERSON, ORG, "
        "LOC (all places), EVENT; a 'named' mention holds a capitalised word besides a leading "
        "article. Counts only; GUM is used to measure, never to choose entries or thresholds. "
        "Today's hand-written lists were partly made with these texts in view "
        "(fitting_audit.md), so their figures here are an upper bound for unseen news; the "
        "generated lists owe nothing to these texts. 'Hits outside gold PERSON' include real "
        "people the gold leaves unmarked; the hits inside another gold entity are certain errors.",
        "",
    ]
    for p in sys.argv[1:]:
        out += report(p, lists) + [""]
    print("\n".join(out).rstrip("\n"))


if __name__ == "__main__":
    main()
