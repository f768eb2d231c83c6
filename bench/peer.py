# The plain script a user might write in ten minutes instead of ingest: walk, read, a dozen
# regexes, json.dumps. No validation, no diagnostics, no line numbers, no mojibake repair.
# It gives the same record count as ingest on the bench corpus (checked by bench/run.mjs).
#   python3 bench/peer.py DIR > records.jsonl
import json, os, re, sys

TIMESTAMP = re.compile(r"^\s*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d{1,2}) (\w+) (\d{4}) (\d{1,2}):(\d{2}) GMT\s*$")
MONTHS = {m: i + 1 for i, m in enumerate("January February March April May June July August September October November December".split())}
TAG = re.compile(r"^\s*\(MENAFN(?:-\s*(.*?))?\)\s*(.*)$")
ID = re.compile(r"^\s*(MENAFN(\d{2})(\d{2})(\d{4})\d{12}ID(\d{10}))\s*$")
DISCLAIMER = re.compile(r"^\s*Legal Disclaimer:\s*(.*)$")
FOOTER = re.compile(r"^\s*(MENAFN|Search|Comments.*|Tags?:.*)\s*$")
BREAKS = re.compile(r"\r\n|\r|\n")
BLANKS = re.compile(r"\n\s*\n")
WORDS = re.compile(r"\S+")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}")

def decode(data):
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"): return data.decode("utf-16")
    try: return data.decode("utf-8-sig")
    except UnicodeDecodeError: return data.decode("cp1252", errors="replace")

def articles(lines):
    start, ended = 0, False
    for i, line in enumerate(lines):
        if not line.strip(): continue
        after = next((l for l in lines[i + 1:] if l.strip()), "")
        if i > start and (TIMESTAMP.match(line) or (ended and TAG.match(after) and not FOOTER.match(line))):
            yield lines[start:i]
            start, ended = i, False
        ended = ended or bool(ID.match(line) or DISCLAIMER.match(line))
    yield lines[start:]

def record(lines, path, n):
    rows = [l.strip() for l in lines if l.strip()]
    ts = TIMESTAMP.match(rows[0]) if rows else None
    if ts: rows = rows[1:]
    lead = next((k for k, r in enumerate(rows) if TAG.match(r)), None)
    end = next((k for k, r in enumerate(rows) if ID.match(r) or DISCLAIMER.match(r)), len(rows))
    # A page with neither a timestamp nor an end is an article only under a title, with no tag (a page's text pasted whole).
    if (lead == 0) or (not ts and end == len(rows) and lead is not None): return None
    headline = rows[0] if rows and end > 0 else None
    tag = TAG.match(rows[lead]) if lead is not None else None
    start_body = (lead if lead is not None else 1)
    paras = [p for p in rows[start_body:end] if p]
    if tag: paras[0] = tag.group(2)
    paras = [p for p in paras if p]
    if not headline or not paras or headline.startswith("MENAFN-") or len(headline) > 150 or headline.endswith((".", ",")): return None
    if lead and DATETIME.match(rows[lead - 1]):  # a web page's layout: the title sits above a date-time line
        headline = rows[lead - 2] if lead >= 2 else ""
        if not headline or headline.isupper(): return None
    ident = next((ID.match(r) for r in rows if ID.match(r)), None)
    disc = next((rows[k + 1] for k, r in enumerate(rows[:-1]) if DISCLAIMER.match(r)), None)
    stamp = None
    if ts:
        d, m, y, hh, mm = ts.groups()
        stamp = f"{y}-{MONTHS.get(m, 1):02d}-{int(d):02d}T{int(hh):02d}:{mm}:00Z"
    text = "\n\n".join(paras)
    return {"headline": headline, "timestamp": stamp, "source": (tag.group(1) or "MENAFN") if tag else None,
            "body": text, "id": ident.group(1) if ident else None, "disclaimer": disc,
            "idDate": f"{ident.group(4)}-{ident.group(3)}-{ident.group(2)}" if ident else None,
            "wordCount": len(WORDS.findall(text)), "paragraphCount": len(paras), "origin": {"file": path, "article": n}}

out = []
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if not name.endswith(".txt"): continue
        path = os.path.join(root, name)
        with open(path, "rb") as f: text = decode(f.read())
        if text.lstrip()[:1] in ("{", "["): continue
        for n, lines in enumerate(articles(BREAKS.split(text)), 1):
            r = record(lines, path, n)
            if r: out.append(json.dumps(r, ensure_ascii=False))
        if len(out) > 1000: sys.stdout.write("\n".join(out) + "\n"); out = []
if out: sys.stdout.write("\n".join(out) + "\n")
