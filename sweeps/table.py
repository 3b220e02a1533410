#!/usr/bin/env python3
"""Markdown table of a collected sweep, for the README.

    sweeps/table.py DIR METRIC[@T] ...    (T: a time in s, or 'final' (default))

One row per point, one column per metric: mean [95 % CI] (min–max over the seeds), n seeds.
Reads DIR/collected/summary.csv (plasticity-lab collect DIR writes it)."""
import csv
import sys


def cell(row, digits):
    f = lambda x: f"{float(x):.{digits}f}"
    return f"{f(row['mean'])} [{f(row['ci95_low'])}, {f(row['ci95_high'])}] ({f(row['min'])}–{f(row['max'])})"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    folder, columns = sys.argv[1], sys.argv[2:]
    digits = 3
    if columns[0].startswith("--digits="):
        digits = int(columns.pop(0).split("=")[1])
    rows = list(csv.DictReader(open(f"{folder}/collected/summary.csv")))
    points = list(dict.fromkeys(r["point"] for r in rows))
    print("| point | n | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 2) + "|")
    for p in points:
        cells, n = [], ""
        for c in columns:
            metric, _, t = c.partition("@")
            t = t or "final"
            match = [r for r in rows if r["point"] == p and r["metric"] == metric and r["t"] == t]
            cells.append(cell(match[0], digits) if match else "—")
            n = n or (match[0]["n"] if match else "")
        print(f"| {p} | {n} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
