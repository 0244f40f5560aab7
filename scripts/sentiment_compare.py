#!/usr/bin/env python3
"""Compare corridor-lex with vadersentiment-fr and textblob-fr on labelled TSV sets.

Usage: /opt/corridor/venv/bin/python scripts/sentiment_compare.py [--data DIR] [--bin PATH] [FILE.tsv ...]

Each FILE is `label<TAB>text` with a header (extra columns such as `service` are ignored), read
from DIR (default ../shared/data/sentiment) unless it is a path. Prints, per set and model: binary
macro-F1 (satisfied vs unsatisfied rows only; a neutral prediction counts as wrong), 3-class
macro-F1 and reviews/s (CPU time of the scoring thread, except the CLI row, which is wall
time of a whole `corridor-edge sentiment` run). The baselines map their score's sign to a label (> 0 satisfied, < 0
unsatisfied, 0 neutral). Our model runs through `corridor-edge sentiment` (one process, all
texts on stdin; its reviews/s includes process start and JSON output) and, for pure model
throughput, `corridor-edge sentiment bench FILE`. Development tool only: tests never run it.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import time

LABELS = ["unsatisfied", "neutral", "satisfied"]


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = [h.strip().lower() for h in next(reader)]
        li, ti = header.index("label"), header.index("text")
        return [(r[li], r[ti]) for r in reader if len(r) > max(li, ti)]


def f1(tp, predicted, actual):
    return 0.0 if predicted + actual == 0 else 2 * tp / (predicted + actual)


def metrics(gold, pred):
    m = {(g, p): 0 for g in LABELS for p in LABELS}
    for g, p in zip(gold, pred):
        m[(g, p)] += 1
    macro3 = sum(f1(m[(c, c)], sum(m[(g, c)] for g in LABELS), sum(m[(c, p)] for p in LABELS))
                 for c in LABELS) / 3
    u, s = "unsatisfied", "satisfied"
    binary = (f1(m[(u, u)], m[(u, u)] + m[(s, u)], sum(m[(u, p)] for p in LABELS)) +
              f1(m[(s, s)], m[(s, s)] + m[(u, s)], sum(m[(s, p)] for p in LABELS))) / 2
    return binary, macro3


def sign_label(x):
    return "satisfied" if x > 0 else "unsatisfied" if x < 0 else "neutral"


def run_ours(binary, texts):
    payload = "".join(t.replace("\n", " ").replace("\r", " ") + "\n" for t in texts).encode()
    start = time.perf_counter()
    out = subprocess.run([binary, "sentiment"], input=payload, capture_output=True, check=True).stdout
    elapsed = time.perf_counter() - start
    objs = [json.loads(line) for line in out.decode().splitlines()]
    assert len(objs) == len(texts), (len(objs), len(texts))
    model = objs[0]["model"] if objs else "corridor-lex"
    return [o["label"] for o in objs], elapsed, model


def bench_ours(binary, path):
    out = subprocess.run([binary, "sentiment", "bench", path, "--seconds", "2"],
                         capture_output=True, check=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("reviews/s (cpu)"):
            return float(line.split()[2])
    return float("nan")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data", "sentiment"))
    ap.add_argument("--bin", default=os.path.join(here, "..", ".build", "release", "corridor-edge"))
    ap.add_argument("files", nargs="*", default=["station_dev.tsv", "tweets_fr_dev.tsv", "bambara_dev.tsv"])
    args = ap.parse_args()

    from vaderSentiment_fr.vaderSentiment import SentimentIntensityAnalyzer
    from textblob import Blobber
    from textblob_fr import PatternTagger, PatternAnalyzer
    vader = SentimentIntensityAnalyzer()
    blob = Blobber(pos_tagger=PatternTagger(), analyzer=PatternAnalyzer())

    rows_out = []
    for name in args.files:
        path = name if os.path.exists(name) else os.path.join(args.data, name)
        rows = read_tsv(path)
        gold = [r[0] for r in rows]
        texts = [r[1] for r in rows]

        labels, secs, model = run_ours(args.bin, texts)
        b, m3 = metrics(gold, labels)
        rows_out.append((os.path.basename(path), f"{model} (CLI, wall)", b, m3, len(texts) / secs))
        rows_out.append((os.path.basename(path), f"{model} (bench, CPU)", b, m3, bench_ours(args.bin, path)))

        start = time.thread_time()      # CPU time, like our bench: fair on a shared machine
        vl = [sign_label(vader.polarity_scores(t)["compound"]) for t in texts]
        vs = time.thread_time() - start
        b, m3 = metrics(gold, vl)
        rows_out.append((os.path.basename(path), "vadersentiment-fr (CPU)", b, m3, len(texts) / vs))

        start = time.thread_time()
        tl = [sign_label(blob(t).sentiment[0]) for t in texts]
        ts = time.thread_time() - start
        b, m3 = metrics(gold, tl)
        rows_out.append((os.path.basename(path), "textblob-fr (CPU)", b, m3, len(texts) / ts))

    print(f"{'set':<20} {'model':<28} {'binary F1':>9} {'3-class F1':>10} {'reviews/s':>12}")
    for s, m, b, m3, rate in rows_out:
        print(f"{s:<20} {m:<28} {b:>9.3f} {m3:>10.3f} {rate:>12,.0f}")


if __name__ == "__main__":
    sys.exit(main())
