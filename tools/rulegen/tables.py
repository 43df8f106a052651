"""What goes into each generated rule file: the selection, the ambiguity marks and the tiers.

Every threshold is a named constant here, chosen from what the source measures (births,
population, share of lowercase uses), never from an evaluation article; README.md gives the
reason for each.
"""

import unicodedata

# --- thresholds -------------------------------------------------------------------------------

# A word is "common" when it is used at least once per million words (Zipf 3.0) ...
WORD_MIN_ZIPF = 3.0
# ... and at least half of its uses are lowercase (so "reading" is, "Jordan" is not) ...
WORD_MIN_LOWER_SHARE = 0.5
# ... or its lowercase form alone is used 100 times per million words: "however" and "yes"
# are mostly capitalised (they open sentences) but are words all the same.
WORD_ALWAYS_ZIPF = 4.0

# Given names kept: at least this many US births (1880-2017) ...
GIVEN_MIN_SSA = 1000
# ... or at least this nam_dict frequency in one country (1 is the dictionary's "rare").
GIVEN_MIN_NAMDICT = 2
# A given name is "common" at this many US births (the `g` mark on places and surnames rests on
# this alone) ...
GIVEN_COMMON_SSA = 10000
# ... or, to stay in the given-name table when it is also a country, at this nam_dict frequency
# (hex 1..13, "common" in the dictionary's own scale) somewhere.
GIVEN_COMMON_NAMDICT = 6

# Gender: US births are decisive when there are this many ...
GENDER_MIN_SSA = 1000
# ... and one sex has at least this share of them.
GENDER_MIN_SHARE = 0.95
# Below GENDER_MIN_SSA, a few US births that lean the other way against nam_dict's sex
# (share of nam_dict's sex under this, from at least GENDER_CONFLICT_SSA births) make it unknown.
GENDER_CONFLICT_SSA = 100
GENDER_CONFLICT_SHARE = 0.8

# Surnames kept: the Census 1990 list down to this rank (people per surname fall below ~2,000) ...
SURNAME_MAX_RANK = 20000
# ... and "common" (the `s` mark) down to this one.
SURNAME_COMMON_RANK = 5000

# Cities kept: the OECD/EU definition of a city, an urban centre of at least 50,000 people.
CITY_MIN_POPULATION = 50000
# A city is safe without context from this population on (when it carries no ambiguity mark);
# a smaller city whose name is a common word ("Most", "Of") is left out altogether.
PLACE_SAFE_POPULATION = 100000

# Place kinds, strongest first: when two places share a name, the first kind names the row.
KINDS = ["country", "continent", "former", "state", "province", "capital", "city", "county"]


def ascii_fold(s):
    """The name without accents, as English-language news often prints it (Zürich -> Zurich)."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_one_word(s):
    """One capitalised word: initials (UK) are not the word their letters spell."""
    return s.isalpha() and not s.isupper()


def is_common(words, low):
    """Is this lowercase form a common English word (see the WORD_ thresholds)?"""
    z = words.zipf(low)
    if z is None or z < WORD_MIN_ZIPF:
        return False
    return z >= WORD_ALWAYS_ZIPF or words.lower_share(low) >= WORD_MIN_LOWER_SHARE


class Marks:
    """The ambiguity marks shared by all tables: w (common English word), g (common given
    name), s (common surname), p (a place). Only one-word names get w, g and s: a two-word
    name capitalised in running text is rarely anything but the name."""

    def __init__(self, words, given, surnames, places=None):
        self.words = words
        self.given_common = given
        self.surname_common = surnames
        self.places = places or set()

    def common_word(self, name):
        if not is_one_word(name):
            return False
        return is_common(self.words, name.lower())

    def of(self, name, skip=""):
        out = []
        if "w" not in skip and self.common_word(name):
            out.append("w")
        if "g" not in skip and is_one_word(name) and name in self.given_common:
            out.append("g")
        if "s" not in skip and is_one_word(name) and name.upper() in self.surname_common:
            out.append("s")
        if "p" not in skip and name in self.places:
            out.append("p")
        return "".join(out)


# --- given names ------------------------------------------------------------------------------


def namdict_summary(entries):
    """(sex verdict M/F/?, female share, highest frequency, number of countries).

    Each entry weighs 2**frequency in each country it is used in (the dictionary's digits are a
    log scale), split between the sexes by its code; the verdict is the sex with
    GENDER_MIN_SHARE of the weight: Nick (male, "mostly male" in one country) is male, Andrea
    (female in most countries, male in Italy) is not."""
    male = female = 0.0
    top = 0
    countries = set()
    for male_share, freqs in entries:
        for i, f in enumerate(freqs):
            if f:
                male += male_share * 2.0**f
                female += (1 - male_share) * 2.0**f
                top = max(top, f)
                countries.add(i)
    total = male + female
    share_f = female / total if total else None
    verdict = "?"
    if share_f is not None and share_f >= GENDER_MIN_SHARE:
        verdict = "F"
    elif share_f is not None and 1 - share_f >= GENDER_MIN_SHARE:
        verdict = "M"
    return verdict, share_f, top, len(countries)


def gender_of(ssa, nd):
    """female / male / unknown and the female share (percent, or None) behind it."""
    f, m = ssa if ssa else (0, 0)
    total = f + m
    nd_verdict = nd[0] if nd else None
    share_f = None
    if total >= GENDER_CONFLICT_SSA:
        share_f = f / total
    elif nd:
        share_f = nd[1]
    ssa_verdict = None
    if total >= GENDER_MIN_SSA:
        if f / total >= GENDER_MIN_SHARE:
            ssa_verdict = "F"
        elif m / total >= GENDER_MIN_SHARE:
            ssa_verdict = "M"
        else:
            ssa_verdict = "?"
    verdicts = [v for v in (ssa_verdict, nd_verdict) if v is not None]
    if not verdicts or "?" in verdicts or len(set(verdicts)) > 1:
        g = "unknown"
    else:
        g = "female" if verdicts[0] == "F" else "male"
    # A handful of US births leaning against the dictionary's sex is a conflict, not noise.
    if g != "unknown" and ssa_verdict is None and total >= GENDER_CONFLICT_SSA:
        own = f / total if g == "female" else m / total
        if own < GENDER_CONFLICT_SHARE:
            g = "unknown"
    pct = None if share_f is None else round(100 * share_f)
    return g, pct


def given_names(ssa, namdict):
    """Rows name, gender, female %, US female births, US male births, nam_dict top freq,
    nam_dict countries; and the set of common given names."""
    nd = {n: namdict_summary(e) for n, e in namdict.items()}
    keep = {n for n, (f, m) in ssa.items() if f + m >= GIVEN_MIN_SSA}
    keep |= {n for n, d in nd.items() if d[2] >= GIVEN_MIN_NAMDICT}
    rows = []
    common = set()
    for name in sorted(keep):
        if not valid_name(name):
            continue
        s = ssa.get(name)
        d = nd.get(name)
        g, pct = gender_of(s, d)
        f, m = s if s else (0, 0)
        top, ncountries = (d[2], d[3]) if d else (0, 0)
        if f + m >= GIVEN_COMMON_SSA or top >= GIVEN_COMMON_NAMDICT:
            common.add(name)
        pct = "" if pct is None else str(pct)
        rows.append([name, g[0], pct, str(f), str(m), str(top), str(ncountries)])
    return rows, common


def drop_given(rows, common, marks, places):
    """Leave out names that are chiefly something else: a common English word ("The", "So",
    "Legacy" are names in some country) unless English speakers give it (GIVEN_COMMON_SSA US
    births: Mark, Grace, Will stay, marked w), or a country, continent or US state unless the
    name is common (Georgia stays, marked p)."""
    big = {r[0] for r in places if r[2] in ("country", "continent", "state")}

    def keep(r):
        if marks.common_word(r[0]):
            return int(r[3]) + int(r[4]) >= GIVEN_COMMON_SSA
        return r[0] in common or r[0] not in big

    return [r for r in rows if keep(r)]


def common_us_given(ssa):
    return {n for n, (f, m) in ssa.items() if f + m >= GIVEN_COMMON_SSA}


def valid_name(name):
    """A capitalised name of letters, hyphens and apostrophes (drops the dictionary's oddities)."""
    core = name.replace("-", "").replace("'", "")
    return bool(core) and core.isalpha() and name[0].isupper()


# --- surnames ---------------------------------------------------------------------------------


def surname_display(key):
    """Census keys are letters only, in capitals: McDONALD's Mc is restored, the rest title-cased."""
    if key.startswith("MC") and len(key) > 3:
        return "Mc" + key[2:].capitalize()
    return key.capitalize()


def surnames(census):
    """Rows surname, rank (the match key is the surname folded to letters, case-insensitive)."""
    return [[surname_display(k), str(rank)] for k, rank in census if rank <= SURNAME_MAX_RANK]


def common_surnames(census):
    return {k for k, rank in census if rank <= SURNAME_COMMON_RANK}


# --- common words -----------------------------------------------------------------------------


def common_words(words):
    """Rows word, Zipf x10, lowercase share %: the words that capitalised at a sentence start
    or in a headline are still words, not names."""
    rows = []
    for w in words.lowercase_words():
        if is_common(words, w):
            rows.append([w, str(round(words.zipf(w) * 10)), str(round(words.lower_share(w) * 100))])
    rows.sort()
    return rows


# --- places -----------------------------------------------------------------------------------


def dotted(abbr):
    """UK -> U.K.: how much of the press writes a country's initials."""
    return ".".join(abbr) + "."


def place_candidates(geo, iso, info, former=(), codes=frozenset()):
    """(name, type, kind, country code, population) for every place name of every source."""
    out = [(n, "GPE", "former", "", 0) for n in former]
    capitals = {}
    for c in geo["countries"]:
        out.append((c["name"], "GPE", "country", c["iso"], c["population"]))
        if c["capital"]:
            capitals[(c["capital"], c["iso"])] = True
            # Every capital, however small: cities15000 leaves out Vaduz and its like.
            out.append((c["capital"], "GPE", "capital", c["iso"], 0))
        for n in iso.get(c["iso"], []):
            out.append((n, "GPE", "country", c["iso"], c["population"]))
        for n in info.get(c["iso"], {}).get("alt", []):
            # Alternative spellings hold ISO codes (DE, DEU), initials in use (UK, UAE) and
            # native names: keep the names and the initials that are no ISO code.
            if n.isupper() and n.isalpha() and 2 <= len(n) <= 4 and n not in codes:
                out.append((n, "GPE", "country", c["iso"], c["population"]))
                out.append((dotted(n), "GPE", "country", c["iso"], c["population"]))
            elif len(n) >= 4 and not n.isupper() and "," not in n:
                out.append((n, "GPE", "country alt", c["iso"], c["population"]))
    for c in geo["continents"]:
        out.append((c["name"], "LOC", "continent", "", c["population"]))
    for s in geo["states"]:
        out.append((s, "GPE", "state", "US", 0))
    for cc, c in sorted(info.items()):
        for p in c["provinces"]:
            out.append((p, "GPE", "province", cc, 0))
    for c in geo["counties"]:
        out.append((c, "GPE", "county", "US", 0))
    for c in geo["cities"]:
        kind = "capital" if (c["name"], c["cc"]) in capitals else "city"
        if kind == "city" and c["population"] < CITY_MIN_POPULATION:
            continue
        out.append((c["name"], "GPE", kind, c["cc"], c["population"]))
    return out


def places(geo, iso, info, marks, former=(), codes=frozenset()):
    """Rows name, type, kind, country, population, marks, tier; one row per written name."""
    best = {}
    rank = {k: i for i, k in enumerate(KINDS)}
    for name, typ, kind, cc, pop in place_candidates(geo, iso, info, former, codes):
        name = " ".join(name.split())
        if not name or not name[0].isupper():
            continue
        # A native-language alternative spelling that is an English word or a name is left out
        # (Iceland's "Island"), and so is an accent-free spelling that is one: the accent was
        # all that told them apart (Salé is not "Sale").
        if kind == "country alt":
            kind = "country"
            if marks.of(name, skip="p"):
                continue
        folded = ascii_fold(name)
        if folded != name and marks.of(folded, skip="p"):
            folded = name
        for n in dict.fromkeys([name, folded]):
            key = (rank[kind], -pop, cc)
            cur = best.get(n)
            if cur is None or key < cur[0]:
                # The strongest kind names the row; the largest population is kept across kinds.
                best[n] = (key, typ, kind, cc, max(pop, cur[4] if cur else 0))
            else:
                best[n] = cur[:4] + (max(pop, cur[4]),)
    rows = []
    for n in sorted(best):
        _, typ, kind, cc, pop = best[n]
        m = marks.of(n, skip="p")
        small = kind in ("city", "capital") and pop < PLACE_SAFE_POPULATION
        if small and "w" in m:
            continue
        rows.append([n, typ, kind, cc, str(pop), m, tier(m, small)])
    return rows


def tier(marks, small):
    """word: also a common word; name: also a common given name or surname; small: a city
    under PLACE_SAFE_POPULATION; safe: none of these (README.md says what each asks for)."""
    if "w" in marks:
        return "word"
    if "g" in marks or "s" in marks:
        return "name"
    return "small" if small else "safe"


# --- demonyms ---------------------------------------------------------------------------------

UNCHANGED_PLURALS = ("ese", "ish", "ss", "French", "Dutch")


def demonym_plural(d):
    """English plural of a people's name: the Chinese, the Irish, the Swiss, but Kenyans, Thais."""
    return d if d.endswith(UNCHANGED_PLURALS) else d + "s"


def demonyms(info, population):
    """Rows demonym, plural, country code (NORP); a demonym shared by several countries
    ("American") names the most populous."""
    rows = {}
    for cc, c in sorted(info.items(), key=lambda kv: (-population.get(kv[0], 0), kv[0])):
        d = " ".join(c["demonym"].split())
        if d and d[0].isupper():
            rows.setdefault(d, [d, demonym_plural(d), cc])
    return [rows[d] for d in sorted(rows)]
