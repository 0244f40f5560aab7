/// The Python side of the round-trip tests: reads a Parquet file with pyarrow and with DuckDB
/// and compares schema, row count, row groups, statistics and every value with the expectation.
let checkParquetScript = #"""
import json, math, sys
import pyarrow as pa
import pyarrow.parquet as pq
import duckdb

path, expected_path = sys.argv[1], sys.argv[2]
exp = json.load(open(expected_path))
cols = exp["columns"]
n = exp["rows"]

def decode(t, v):
    if v is None:
        return None
    if t == "double" and isinstance(v, str):
        return {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf"), "-0": -0.0}[v]
    return v

def same(t, a, b):
    if a is None or b is None:
        return a is None and b is None
    if t == "double":
        if math.isnan(b):
            return math.isnan(a)
        return a == b and math.copysign(1, a) == math.copysign(1, b) if a == 0 else a == b
    return a == b

arrow_types = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "double": pa.float64(),
               "bool": pa.bool_(), "timestamp": pa.timestamp("ms", tz="UTC")}

# --- pyarrow
pf = pq.ParquetFile(path)
assert pf.metadata.num_rows == n, f"pyarrow num_rows {pf.metadata.num_rows} != {n}"
assert pf.metadata.num_row_groups == exp["row_groups"], f"row groups {pf.metadata.num_row_groups} != {exp['row_groups']}"
table = pq.read_table(path)
assert table.num_rows == n
assert table.schema.names == [c["name"] for c in cols], table.schema.names
for i, c in enumerate(cols):
    f = table.schema.field(i)
    assert f.type == arrow_types[c["type"]], f"{c['name']}: arrow type {f.type}"
    assert f.nullable == c["optional"], f"{c['name']}: nullable {f.nullable}"
    arr = table.column(i)
    if c["type"] == "timestamp":
        arr = arr.cast(pa.int64())
    got = arr.to_pylist()
    want = [decode(c["type"], v) for v in c["values"]]
    for r, (a, b) in enumerate(zip(got, want)):
        assert same(c["type"], a, b), f"pyarrow {c['name']} row {r}: {a!r} != {b!r}"

# Statistics per row group: null_count always; min/max equal to the true bounds when present.
start = 0
for g in range(pf.metadata.num_row_groups):
    rg = pf.metadata.row_group(g)
    rows = rg.num_rows
    for i, c in enumerate(cols):
        st = rg.column(i).statistics
        want = [decode(c["type"], v) for v in c["values"][start:start + rows]]
        nn = [v for v in want if v is not None and not (isinstance(v, float) and math.isnan(v))]
        assert st is not None and st.has_null_count, f"{c['name']}: no statistics"
        assert st.null_count == sum(v is None for v in want), f"{c['name']}: null_count {st.null_count}"
        if st.has_min_max:
            lo, hi = st.min, st.max
            if c["type"] == "timestamp":
                lo, hi = [int(x.timestamp() * 1000) if hasattr(x, "timestamp") else x for x in (lo, hi)]
            if c["type"] == "string" and isinstance(lo, bytes):
                lo, hi = lo.decode(), hi.decode()
            if c["type"] == "timestamp":
                assert abs(lo - min(nn)) <= 1 and abs(hi - max(nn)) <= 1, f"{c['name']}: ts stats {lo} {hi}"
            else:
                assert lo == min(nn) and hi == max(nn), f"{c['name']} rg {g}: stats {lo!r}..{hi!r} vs {min(nn)!r}..{max(nn)!r}"
        else:
            assert not nn or c["type"] == "string", f"{c['name']}: min/max missing"
    start += rows

# --- DuckDB
con = duckdb.connect()
exprs = []
for c in cols:
    q = '"' + c["name"].replace('"', '""') + '"'
    exprs.append(f"epoch_ms({q})" if c["type"] == "timestamp" else q)
cnt = con.execute("SELECT count(*) FROM read_parquet(?)", [path]).fetchone()[0]
assert cnt == n, f"duckdb count {cnt} != {n}"
rows = con.execute(f"SELECT {', '.join(exprs)} FROM read_parquet(?)", [path]).fetchall()
assert len(rows) == n
desc = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()
duck_types = {"string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT", "double": "DOUBLE", "bool": "BOOLEAN",
              "timestamp": "TIMESTAMP WITH TIME ZONE"}
for c, d in zip(cols, desc):
    assert d[0] == c["name"] and d[1] == duck_types[c["type"]], f"duckdb type {d}"
for i, c in enumerate(cols):
    want = [decode(c["type"], v) for v in c["values"]]
    for r in range(n):
        a = rows[r][i]
        assert same(c["type"], a, want[r]), f"duckdb {c['name']} row {r}: {a!r} != {want[r]!r}"
print("OK", n)
"""#
