#!/usr/bin/env python3
"""Checks new corpus files: format, labels, and near-duplicates (word-trigram Jaccard > 0.5) against each other,
the existing training files and the frozen test split. Never prints a test-split text: only 'near-duplicate of a
test item'. Usage: python3 nlp-models/corpus/check.py NEW.tsv [NEW2.tsv ...] (new files not yet in train/)"""
import sys, re, glob
CATS = {"ABUSE","BULLYING","THREAT","HATE","SEXUAL","PROFANITY","SPAM","PERSONAL_DATA","EXTREMISM","SELF_HARM","DISCLOSURE","NONE"}
INTENTS = {"QUESTION","COMPLAINT","PRAISE","OTHER"}
def grams(t):
    w = re.findall(r"[a-z0-9']+", t.lower())
    return {tuple(w[i:i+3]) for i in range(len(w)-2)} or {tuple(w)}
def jac(a, b):
    return len(a & b) / max(1, len(a | b))
import os
base = os.path.dirname(os.path.abspath(__file__))
train = [l.rstrip("\n").split("\t")[-1] for f in glob.glob(base + "/train/*.tsv") for l in open(f, encoding="utf-8")]
test = [l.rstrip("\n").split("\t")[-1] for l in open(base + "/test/frozen.tsv", encoding="utf-8")]
tg = [grams(t) for t in train]; sg = [grams(t) for t in test]
seen = []
bad = 0
for f in sys.argv[1:]:
    for n, line in enumerate(open(f, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        p = line.split("\t")
        where = f"{f}:{n}"
        if len(p) != 4: print(where, "needs 4 tab-separated fields"); bad += 1; continue
        off, cats, intent, text = p
        if off not in ("0", "1") or not set(cats.split(",")) <= CATS or intent not in INTENTS or len(text) < 3:
            print(where, "bad label or text:", line[:80]); bad += 1; continue
        g = grams(text)
        if any(jac(g, x) > 0.5 for x in sg): print(where, "near-duplicate of a test item: rewrite it differently"); bad += 1; continue
        hit = next((t for t, x in zip(train, tg) if jac(g, x) > 0.5), None)
        if hit: print(where, "near-duplicate of training text:", hit[:80]); bad += 1; continue
        hit = next((w for w, x in seen if jac(g, x) > 0.5), None)
        if hit: print(where, "near-duplicate of", hit); bad += 1; continue
        seen.append((where, g))
print(f"{len(seen)} good lines, {bad} problems")
