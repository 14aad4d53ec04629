#!/usr/bin/env python3
"""Requirements of a 24/7 week for the schedule benchmark: agents on the phones per half hour, peaking at PEAK
(default 700: a center of about 1,150 agents) late in the morning, quieter weekends, a thin night.
Usage: bench/load/planning-week.py [PEAK] > week.csv"""
import datetime
import math
import sys

peak = float(sys.argv[1]) if len(sys.argv) > 1 else 700
monday = datetime.datetime(2026, 12, 7)
print("interval_start,agents")
for day in range(7):
    for slot in range(48):
        hour = slot / 2
        shape = 0.08 + 0.92 * math.exp(-((hour - 12.5) / 4.5) ** 2)
        weekday = 1 if day < 5 else 0.6
        at = monday + datetime.timedelta(days=day, minutes=30 * slot)
        print(f"{at.isoformat(timespec='minutes')},{math.ceil(peak * shape * weekday)}")
