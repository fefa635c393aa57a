#!/usr/bin/env python3
"""Validate the gold files of an unseen set (unseen/, unseen2/, unseen4/) against their documents.

usage: python3 check.py DIR

For every *.gold.json: the JSON shape (the dev-set format of ../shared/gold/README.md), the
document it names exists, and every anchor is an exact substring of the decoded raw document,
8-40 characters, without a line break, occurring exactly once. Dates must be valid ISO dates;
periods, qualifiers, kinds and levels must come from the fixed vocabularies. Names (issuer parts,
doc number, unit names, reference titles, deadline raws) must occur in the text as written
(compared without whitespace, so a name broken over two lines of a PDF dump still counts).
Prints problems (ERROR / warn), then counts per file and totals. Exit status 1 on any ERROR.

Raw files are decoded as the scorer's stream would carry them: UTF-16 by BOM, UTF-8 (with or
without BOM), else GB18030; a .docx as the text of its w:t runs, one w:p paragraph a line (table
cells are paragraphs too), so an anchor never crosses a paragraph.
"""
import datetime
import glob
import json
import os
import re
import sys
import unicodedata

LEVELS = {"town", "county", "city", "province", "national", None}
PERIODS = {"day", "week", "month", "quarter", "halfyear", "year"}
QUALS = {"at_least", "exactly", "at_most"}
KINDS = {"by", "range", "on"}
META_KEYS = {"issuer", "doc_number", "level", "title", "date", "plan_year", "references"}
TERMINATORS = "。！？；"


def decode_docx(path):
    """The text of a .docx: the w:t runs of each w:p paragraph joined, one paragraph a line, in
    document order (the paragraphs of table cells included, each a line of its own)."""
    import zipfile
    import xml.etree.ElementTree as ET
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return "\n".join(paras), "DOCX"


def decode(path):
    if path.lower().endswith(".docx"):
        return decode_docx(path)
    data = open(path, "rb").read()
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le"), "UTF-16LE+BOM"
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be"), "UTF-16BE+BOM"
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8+BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "GB18030"


def squash(s):
    return "".join(unicodedata.normalize("NFKC", s).split())


def iso(s):
    try:
        datetime.date.fromisoformat(s)
        return True
    except (TypeError, ValueError):
        return False


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "unseen")
    golds = sorted(glob.glob(os.path.join(d, "*.gold.json")))
    errors, warns = [], []
    rows = []

    for gf in golds:
        base = os.path.basename(gf)

        def err(msg):
            errors.append(f"{base}: {msg}")

        def warn(msg):
            warns.append(f"{base}: {msg}")

        try:
            g = json.load(open(gf, encoding="utf-8"))
        except json.JSONDecodeError as e:
            err(f"not JSON: {e}")
            continue
        for k in ("doc", "meta", "frequencies", "deadlines", "units"):
            if k not in g:
                err(f"missing key {k}")
        if errors and errors[-1].startswith(base + ": missing"):
            continue
        doc = os.path.join(d, g["doc"])
        if g["doc"].rsplit(".", 1)[0] + ".gold.json" != base:
            err(f"doc {g['doc']} does not match gold file name")
        if not os.path.exists(doc):
            err(f"document {g['doc']} not found")
            continue
        text, enc = decode(doc)
        flat = squash(text)
        nchars = len(text)
        if os.path.basename(os.path.normpath(d)) == "unseen4":
            # unseen4 holds longer pages: 2000-4500 characters of document text (tags and
            # whitespace removed)
            ntext = len("".join(re.sub(r"<[^>]*>", "", text).split()))
            if not 2000 <= ntext <= 4500:
                warn(f"document has {ntext} characters of text (want 2000-4500)")
        elif not 600 <= nchars <= 2500:
            warn(f"document has {nchars} characters (want 600-2500)")

        # ---- meta
        m = g["meta"]
        if set(m) != META_KEYS:
            err(f"meta keys {sorted(m)} != {sorted(META_KEYS)}")
        if m.get("level") not in LEVELS:
            err(f"bad level {m.get('level')!r}")
        if m.get("date") is not None and not iso(m["date"]):
            err(f"bad meta.date {m['date']!r}")
        py = m.get("plan_year")
        if py is not None and not (isinstance(py, int) and 2000 <= py <= 2030):
            err(f"bad plan_year {py!r}")
        for k in ("title", "doc_number"):
            if m.get(k) is not None and squash(m[k]) not in flat:
                err(f"meta.{k} {m[k]!r} not in text")
        if m.get("issuer") is not None:
            for part in m["issuer"].split("、"):
                if squash(part) not in flat:
                    err(f"issuer part {part!r} not in text")
        for r in m.get("references") or []:
            if set(r) != {"title", "number"}:
                err(f"reference keys {sorted(r)}")
            if squash(r["title"]) not in flat:
                err(f"reference title {r['title']!r} not in text")
            if r["number"] is not None and squash(r["number"]) not in flat:
                err(f"reference number {r['number']!r} not in text")

        # ---- anchors
        def check_anchor(kind, a):
            if not isinstance(a, str):
                err(f"{kind}: anchor not a string: {a!r}")
                return
            if not 8 <= len(a) <= 40:
                err(f"{kind}: anchor length {len(a)} not in 8-40: {a!r}")
            if "\n" in a or "\r" in a:
                err(f"{kind}: anchor has a line break: {a!r}")
            n = text.count(a)
            if n != 1:
                err(f"{kind}: anchor occurs {n} times: {a!r}")
            inner = a[:-1]
            if any(t in inner for t in TERMINATORS):
                warn(f"{kind}: anchor crosses a sentence end: {a!r}")
            if re.match(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])", a):
                err(f"{kind}: anchor starts with an item number: {a!r}")

        for f in g["frequencies"]:
            if set(f) != {"anchor", "period", "count", "qualifier"}:
                err(f"frequency keys {sorted(f)}")
            check_anchor("frequency", f.get("anchor"))
            if f.get("period") not in PERIODS:
                err(f"frequency period {f.get('period')!r}")
            if f.get("qualifier") not in QUALS:
                err(f"frequency qualifier {f.get('qualifier')!r}")
            if not (isinstance(f.get("count"), int) and f["count"] >= 1):
                err(f"frequency count {f.get('count')!r}")

        for dl in g["deadlines"]:
            keys = set(dl)
            if not {"anchor", "raw", "date", "kind"} <= keys or keys - {"anchor", "raw", "date", "kind", "month", "day"}:
                err(f"deadline keys {sorted(dl)}")
            check_anchor("deadline", dl.get("anchor"))
            if dl.get("kind") not in KINDS:
                err(f"deadline kind {dl.get('kind')!r}")
            if dl.get("date") is None:
                if not (isinstance(dl.get("month"), int) and 1 <= dl["month"] <= 12):
                    err(f"deadline without date needs month/day: {dl.get('anchor')!r}")
            elif not iso(dl["date"]):
                err(f"deadline date {dl['date']!r}")
            if dl.get("raw") and squash(dl["raw"]) not in flat:
                err(f"deadline raw {dl['raw']!r} not in text")
            # sanity: the last month named in raw is the month of the date
            ms = re.findall(r"(\d{1,2})\s*月", dl.get("raw") or "")
            if ms and dl.get("date") and int(ms[-1]) != int(dl["date"][5:7]):
                warn(f"deadline raw {dl['raw']!r} vs date {dl['date']}")

        seen_unit_anchors = set()
        for u in g["units"]:
            if set(u) != {"anchor", "lead", "support", "responsible"}:
                err(f"unit keys {sorted(u)}")
            check_anchor("unit", u.get("anchor"))
            if u.get("anchor") in seen_unit_anchors:
                err(f"unit anchor used twice: {u.get('anchor')!r}")
            seen_unit_anchors.add(u.get("anchor"))
            names = (u.get("lead") or []) + (u.get("support") or []) + (u.get("responsible") or [])
            if not names:
                err(f"unit entry with no names: {u.get('anchor')!r}")
            for role in ("lead", "support", "responsible"):
                if len(set(u.get(role) or [])) != len(u.get(role) or []):
                    err(f"unit {role} has duplicates: {u.get('anchor')!r}")
            for n in names:
                if squash(n) not in flat:
                    err(f"unit name {n!r} not in text as written")
                if re.search(r"(等|等部门|等单位|等有关部门|等相关部门)$", n):
                    warn(f"unit name ends with 等…: {n!r}")

        nu = sum(len(u["lead"]) + len(u["support"]) + len(u["responsible"]) for u in g["units"])
        rows.append((base, g["doc"], enc, nchars, m.get("level"), len(g["frequencies"]),
                     len(g["deadlines"]), len(g["units"]), nu))

    for e in errors:
        print("ERROR", e)
    for w in warns:
        print("warn ", w)
    print()
    print(f"{'gold file':52} {'enc':13} {'chars':>5} {'level':8} {'#freq':>5} {'#dl':>4} {'#units':>6} {'#names':>6}")
    for base, docname, enc, n, lvl, nf, nd, nu, nn in rows:
        print(f"{base:52} {enc:13} {n:5d} {str(lvl):8} {nf:5d} {nd:4d} {nu:6d} {nn:6d}")
    tf = sum(r[5] for r in rows)
    td = sum(r[6] for r in rows)
    tu = sum(r[7] for r in rows)
    tn = sum(r[8] for r in rows)
    print(f"{'total (' + str(len(rows)) + ' files)':52} {'':13} {'':5} {'':8} {tf:5d} {td:4d} {tu:6d} {tn:6d}")
    print(f"\n{len(errors)} errors, {len(warns)} warnings")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
