#!/usr/bin/env python3
"""Benchmark: corridor-central compact (Swift Parquet writer) against pyarrow on the same JSONL.

Generates N synthetic review envelopes (the bytes Event.jsonBytes writes), then times
  1. `corridor-central compact --lake-dir L --now`  (JSONL -> dedup -> sort -> zstd Parquet)
  2. pyarrow.json.read_json + pyarrow.parquet.write_table(compression="zstd")
and prints rows/s and output sizes. Run with the project venv:

  swift build -c release --product corridor-central
  /opt/corridor/venv/bin/python scripts/bench_parquet.py --rows 200000
"""
import argparse, json, os, random, shutil, subprocess, sys, tempfile, time, uuid

STATIONS = [f"ML-{c}-{n:03d}" for c in ("BKO", "SGO", "KYS", "MPT", "SKS") for n in range(1, 9)]
SERVICES = ["fuel", "shop", "wash", "gas"]
CHANNELS = ["kiosk", "pos", "attendant", "sms", "api"]
ASPECTS = ["waiting", "staff", "cleanliness", "price", "availability", "quality", "safety"]
TEXTS = [
    "Très bien servi, merci", "Attente trop longue à la pompe", "a ka di", "a man di, pompe en panne",
    "Le personnel est accueillant", "Toilettes sales", "Prix trop cher pour le gaz", "rupture de gazoil encore !!!",
    "Good service 👍", "Lavage mal fait, voiture rayée", "", "RAS",
]


def uuid7(ms, rnd):
    b = bytearray(rnd.getrandbits(128).to_bytes(16, "big"))
    b[0:6] = ms.to_bytes(6, "big")
    b[6] = 0x70 | (b[6] & 0x0F)
    b[8] = 0x80 | (b[8] & 0x3F)
    return str(uuid.UUID(bytes=bytes(b)))


def rfc3339(ms):
    t = time.gmtime(ms // 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", t) + f".{ms % 1000:03d}Z"


def review(rnd, day_ms):
    ms = day_ms + rnd.randrange(86_400_000)
    rating = rnd.choice([None, 1, 2, 3, 4, 5, 5, 4])
    text = rnd.choice(TEXTS) + ("" if rnd.random() < 0.7 else f" #{rnd.randrange(1000)}")
    if rating is None and not text.strip():
        text = "RAS"
    score = round(rnd.uniform(-1, 1), 3)
    label = "satisfied" if score > 0.2 else "unsatisfied" if score < -0.2 else "neutral"
    e = {"schema": "corridor.review/1", "id": uuid7(ms, rnd), "station_id": rnd.choice(STATIONS),
         "captured_at": rfc3339(ms), "service": rnd.choice(SERVICES)}
    if rating is not None:
        e["rating"] = rating
    e["text"] = text
    e["channel"] = rnd.choice(CHANNELS)
    aspects = [{"aspect": a, "label": label, "score": score} for a in rnd.sample(ASPECTS, rnd.randrange(3))]
    e["sentiment"] = {"label": label, "score": score, "aspects": aspects, "model": "fr-lex/3"}
    e["attrs"] = {"pump": rnd.randrange(1, 9)} if rnd.random() < 0.3 else {}
    return json.dumps(e, ensure_ascii=False, separators=(",", ":"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--bin", default=".build/release/corridor-central")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} missing: run `swift build -c release --product corridor-central` first")
    import pyarrow.json as pj
    import pyarrow.parquet as pq
    import duckdb

    work = tempfile.mkdtemp(prefix="corridor-bench-")
    rnd = random.Random(42)
    day = "2026-11-30"
    day_ms = 1_796_083_200_000 - 86_400_000 * 4  # any fixed day; the folder name is what counts
    raw_dir = os.path.join(work, "lake", "raw", f"date={day}")
    os.makedirs(raw_dir)
    raw = os.path.join(raw_dir, "bench.jsonl")
    with open(raw, "w") as f:
        for _ in range(args.rows):
            f.write(review(rnd, day_ms) + "\n")
    raw_size = os.path.getsize(raw)

    t = time.perf_counter()
    r = subprocess.run([args.bin, "compact", "--lake-dir", os.path.join(work, "lake"), "--now"],
                       capture_output=True, text=True)
    swift_s = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f"compact failed: {r.stderr}")
    out_dir = os.path.join(work, "lake", "parquet", "kind=review", f"date={day}")
    swift_files = [os.path.join(out_dir, f) for f in os.listdir(out_dir) if f.endswith(".parquet")]
    swift_size = sum(os.path.getsize(p) for p in swift_files)
    swift_rows = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{out_dir}/*.parquet')").fetchone()[0]

    t = time.perf_counter()
    table = pj.read_json(raw)
    pa_out = os.path.join(work, "pyarrow.parquet")
    pq.write_table(table, pa_out, compression="zstd")
    pa_s = time.perf_counter() - t
    pa_size = os.path.getsize(pa_out)

    print(f"rows: {args.rows}, raw JSONL: {raw_size / 1e6:.1f} MB")
    print(f"{'':10} {'seconds':>8} {'rows/s':>10} {'bytes':>11} {'% of raw':>8}")
    print(f"{'swift':10} {swift_s:8.2f} {args.rows / swift_s:10.0f} {swift_size:11d} {100 * swift_size / raw_size:7.1f}%")
    print(f"{'pyarrow':10} {pa_s:8.2f} {args.rows / pa_s:10.0f} {pa_size:11d} {100 * pa_size / raw_size:7.1f}%")
    print(f"speed swift/pyarrow: {pa_s / swift_s:.2f} (target >= 0.5), size swift/pyarrow: {swift_size / pa_size:.2f} (target <= 1.1)")
    print(f"rows read back by DuckDB: {swift_rows}")
    print("compact said:", r.stdout.strip().splitlines()[-1])
    if not args.keep:
        shutil.rmtree(work)
    else:
        print("kept", work)


if __name__ == "__main__":
    main()
