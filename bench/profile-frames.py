"""Inclusive sample counts per frame from `jfr print --events jdk.ExecutionSample` text (bench/profile)."""
import collections
import re
import sys

pattern = re.compile(sys.argv[1])
total = 0
inclusive = collections.Counter()
threads = collections.Counter()
frames = set()
thread = None


def flush():
    global frames, thread
    if thread is not None:
        for frame in frames:
            inclusive[frame] += 1
        threads[thread] += 1
    frames = set()
    thread = None


for line in sys.stdin:
    line = line.strip()
    if line.startswith("jdk.ExecutionSample"):
        flush()
        total += 1
    elif line.startswith("sampledThread ="):
        thread = re.sub(r'\(javaThreadId.*', '', line.split("=", 1)[1]).strip().strip('"')
        thread = re.sub(r'\d+', 'N', thread)
    else:
        match = re.match(r'([\w.$<>]+)\(.*line:', line)
        if match and pattern.search(match.group(1)):
            frames.add(match.group(1))
flush()
print(f"\n{total} execution samples; by thread (digits folded):")
for name, count in threads.most_common(8):
    print(f"  {100.0 * count / max(total, 1):5.1f}%  {name}")
print("\nframes of interest, inclusive (share of all samples):")
for frame, count in inclusive.most_common(45):
    print(f"  {100.0 * count / max(total, 1):5.1f}%  {frame}")
