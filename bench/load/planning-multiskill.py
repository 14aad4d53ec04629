#!/usr/bin/env python3
"""A 20-queue, 1,000-agent day as a scenario file, for the multi-skill staffing benchmark (docs/benchmarks.md):
20,833 calls an hour at the late-morning peak (955 Erlangs at AHT 165 s), a thin night, queues of unequal size;
20 groups, each expert in one queue (proficiency 8) and able to take the next (4); every queue routes to its
experts for 20 s, then to anyone with the skill; callers' patience 120 s (exponential).
Usage: bench/load/planning-multiskill.py [PEAK_CALLS_PER_HOUR] > day.yaml
Then:  time ./switchboard staffing --scenario day.yaml --out groups.csv"""
import math
import sys

peak = float(sys.argv[1]) if len(sys.argv) > 1 else 20833
queues = 20
weights = [1 + 0.1 * q for q in range(queues)]  # the biggest queue 2.9 x the smallest
shape = [0.06 + 0.94 * math.exp(-((slot / 2 + 0.25 - 12.5) / 4.5) ** 2) for slot in range(48)]
top = max(shape)
print("start: 2026-12-01\ndays: 1\nzone: UTC\nintervalMinutes: 30\nseed: 1\nqueues:")
for q in range(queues):
    rate = [round(peak * s / top * weights[q] / sum(weights), 1) for s in shape]
    print(f"  - id: q{q + 1}")
    print(f"    arrivalsPerHour: {rate}")
    print("    handle: {distribution: lognormal, meanSeconds: 165, sdSeconds: 150}")
    print("    patience: {distribution: exponential, meanSeconds: 120}")
    print(f"    routing: [{{skills: \"q{q + 1}>=6\", seconds: 20}}, {{skills: \"q{q + 1}\"}}]")
    print("    target: {slPercent: 80, slSeconds: 20}")
print("groups:")
for g in range(queues):
    print(f"  - {{id: g{g + 1}, skills: {{q{g + 1}: 8, q{(g + 1) % queues + 1}: 4}}, agents: 1}}")
