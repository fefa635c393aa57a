#!/usr/bin/env python3
"""Validate the holdout2 gold files against their documents.

usage: python3 check.py [DIR]     (DIR defaults to this script's directory)

For every *.gold.json: checks the JSON shape of the gold format (../shared/gold/README.md),
decodes the document it names (BOM first, then UTF-8, then GB18030), and checks that every
anchor is 8-40 characters, holds no line break, no tag or entity characters and no sentence
end (。！？；), is an exact substring of the decoded text occurring exactly once, and occurs exactly
once after the scorer's normalisation (NFKC, whitespace removed). It also checks that titles,
issuers, document numbers, references, deadline `raw` strings and unit names occur in the
normalised text. Prints counts per file and per field; exits 1 on any problem.
"""
import json, os, re, sys, unicodedata, datetime
from collections import Counter

PERIODS = {"day", "week", "month", "quarter", "halfyear", "year"}
QUALS = {"at_least", "exactly", "at_most"}
KINDS = {"by", "range", "on"}
LEVELS = {"town", "county", "city", "province", "national", None}
META_KEYS = ["issuer", "doc_number", "level", "title", "date", "plan_year", "references"]


def norm(s):
    return "".join(unicodedata.normalize("NFKC", s).split())


def decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le"), "utf-16le-bom"
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be"), "utf-16be-bom"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    golds = sorted(f for f in os.listdir(d) if f.endswith(".gold.json"))
    errors = []
    rows = []
    tot = Counter()

    def err(gf, msg):
        errors.append(f"{gf}: {msg}")

    for gf in golds:
        try:
            g = json.load(open(os.path.join(d, gf), encoding="utf-8"))
        except Exception as e:
            err(gf, f"not JSON: {e}")
            continue
        for k in ("doc", "source", "meta", "frequencies", "deadlines", "units"):
            if k not in g:
                err(gf, f"missing key {k}")
        doc = g.get("doc", "")
        path = os.path.join(d, doc)
        if not os.path.isfile(path):
            err(gf, f"document {doc} not found")
            continue
        text, enc = decode(open(path, "rb").read())
        ntext = norm(text)
        m = g.get("meta") or {}
        for k in META_KEYS:
            if k not in m:
                err(gf, f"meta.{k} missing")
        if m.get("level") not in LEVELS:
            err(gf, f"bad level {m.get('level')}")
        for k in ("issuer", "doc_number", "title"):
            v = m.get(k)
            if v is not None and not all(norm(p) in ntext for p in v.split("、")):
                err(gf, f"meta.{k} {v!r} not in text")
        if m.get("date") is not None:
            try:
                datetime.date.fromisoformat(m["date"])
            except ValueError:
                err(gf, f"bad meta.date {m['date']}")
        if m.get("plan_year") is not None and not isinstance(m["plan_year"], int):
            err(gf, "plan_year not int")
        for r in m.get("references") or []:
            if set(r) != {"title", "number"}:
                err(gf, f"bad reference {r}")
            if r.get("title") and norm(r["title"]) not in ntext:
                err(gf, f"reference title not in text: {r['title']}")
            if r.get("number") and norm(r["number"]) not in ntext:
                err(gf, f"reference number not in text: {r['number']}")

        seen = Counter()

        def check_anchor(a, what):
            if not isinstance(a, str):
                err(gf, f"{what}: anchor not a string")
                return
            if not 8 <= len(a) <= 40:
                err(gf, f"{what}: anchor length {len(a)}: {a!r}")
            if "\n" in a or "\r" in a:
                err(gf, f"{what}: line break in anchor {a!r}")
            if re.search(r"[<>&]", a):
                err(gf, f"{what}: markup character in anchor {a!r}")
            if re.match(r"\s*([（(][一二三四五六七八九十\d]+[）)]|\d+[．.、]|[一二三四五六七八九十]+、|第[一二三四五六七八九十百]+条)", a):
                err(gf, f"{what}: anchor starts with an item number {a!r}")
            if re.search(r"[。！？；]", a):
                err(gf, f"{what}: sentence end inside anchor {a!r}")
            n_raw = text.count(a)
            n_norm = ntext.count(norm(a))
            if n_raw != 1:
                err(gf, f"{what}: anchor occurs {n_raw} times in raw text: {a!r}")
            if n_norm != 1:
                err(gf, f"{what}: anchor occurs {n_norm} times in normalised text: {a!r}")

        for i, f in enumerate(g.get("frequencies") or []):
            w = f"frequencies[{i}]"
            check_anchor(f.get("anchor"), w)
            if f.get("period") not in PERIODS:
                err(gf, f"{w}: bad period {f.get('period')}")
            if not isinstance(f.get("count"), int) or f["count"] < 1:
                err(gf, f"{w}: bad count {f.get('count')}")
            if f.get("qualifier") not in QUALS:
                err(gf, f"{w}: bad qualifier {f.get('qualifier')}")
            seen[("f", f.get("anchor"))] += 1
        for i, x in enumerate(g.get("deadlines") or []):
            w = f"deadlines[{i}]"
            check_anchor(x.get("anchor"), w)
            if x.get("kind") not in KINDS:
                err(gf, f"{w}: bad kind {x.get('kind')}")
            if not x.get("raw") or norm(x["raw"]) not in ntext:
                err(gf, f"{w}: raw {x.get('raw')!r} not in text")
            if x.get("date") is None:
                if not x.get("month"):
                    err(gf, f"{w}: neither date nor month")
            else:
                try:
                    datetime.date.fromisoformat(x["date"])
                except ValueError:
                    err(gf, f"{w}: bad date {x['date']}")
            seen[("d", x.get("anchor"))] += 1
        for i, u in enumerate(g.get("units") or []):
            w = f"units[{i}]"
            check_anchor(u.get("anchor"), w)
            names = []
            for role in ("lead", "support", "responsible"):
                v = u.get(role)
                if not isinstance(v, list) or not all(isinstance(s, str) and s for s in v):
                    err(gf, f"{w}: {role} not a list of names")
                    continue
                names += v
                tot["units." + role] += len(v)
            if not names:
                err(gf, f"{w}: no unit names")
            for s in names:
                if norm(s) not in ntext:
                    err(gf, f"{w}: unit name {s!r} not in text")
            seen[("u", u.get("anchor"))] += 1
        for k, n in seen.items():
            if n > 1:
                err(gf, f"same anchor used {n} times in one field: {k[1]!r}")
        nf, nd, nu = len(g.get("frequencies") or []), len(g.get("deadlines") or []), len(g.get("units") or [])
        tot["frequencies"] += nf
        tot["deadlines"] += nd
        tot["units"] += nu
        tot["references"] += len(m.get("references") or [])
        for k in ("issuer", "doc_number", "level", "title", "date", "plan_year"):
            if m.get(k) is not None:
                tot["meta." + k] += 1
        rows.append((doc, enc, len(text), m.get("level"), nf, nd, nu))

    print(f"{'document':42} {'encoding':13} {'chars':>6} {'level':9} {'#freq':>5} {'#dl':>4} {'#units':>6}")
    for r in rows:
        print(f"{r[0]:42} {r[1]:13} {r[2]:6d} {str(r[3]):9} {r[4]:5d} {r[5]:4d} {r[6]:6d}")
    print(f"\n{len(rows)} documents")
    for k in ["meta.issuer", "meta.doc_number", "meta.level", "meta.title", "meta.date", "meta.plan_year",
              "references", "frequencies", "deadlines", "units", "units.lead", "units.support",
              "units.responsible"]:
        print(f"  {k:20} {tot[k]}")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
