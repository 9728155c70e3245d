#!/usr/bin/env python3
"""Median CPU and wall per variant, and the median paired difference against `base` (same round): analyse.py RESULTS..."""
import sys, statistics, collections
# results files: lines "variant name build wall W cpu C load L"; rounds are sequences starting at 'base'
for path in sys.argv[1:]:
    rounds = []; cur = None
    for line in open(path):
        p = line.split()
        if len(p) < 8 or p[3] != 'wall': continue
        try: w, c = float(p[4]), float(p[6])
        except ValueError: continue
        if p[0] == 'base': cur = {}; rounds.append(cur)
        if cur is not None: cur[p[0]] = (w, c)
    names = list(dict.fromkeys(k for r in rounds for k in r))
    print(f'== {path}: {len(rounds)} rounds')
    for n in names:
        cs = [r[n][1] for r in rounds if n in r]; ws = [r[n][0] for r in rounds if n in r]
        deltas = [r[n][1] - r['base'][1] for r in rounds if n in r and 'base' in r]
        ratio = [r[n][1] / r['progenitor'][1] for r in rounds if n in r and 'progenitor' in r]
        print(f'{n:22s} cpu median {statistics.median(cs):6.2f} [{min(cs):.2f}-{max(cs):.2f}]  wall median {statistics.median(ws):6.2f}  '
              f'paired delta vs base {statistics.median(deltas):+6.2f}  cpu/progenitor {statistics.median(ratio):.2f}')
