#!/usr/bin/env bash
# Durable progress events per second, and acknowledgement latency (p50/p99), with 1, 8 and 64
# concurrent writers (each writer its own learner, and all on one learner), for academy's JSON
# store and for SQLite in WAL mode with synchronous=FULL and one insert per commit (Python sqlite3),
# on the same disk in one run. Both acknowledge an event only once it is flushed to disk. Then the
# time to open a store of 1,000 learners and build their team view.
#
#   Scripts/bench/progress.sh [--events N] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/../.."
events=4000
runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --events) events=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "usage: $0 [--events N] [--runs N]" >&2; exit 64 ;;
    esac
done
swift build -c release --product AcademyBench >/dev/null
bench=$(swift build -c release --show-bin-path)/AcademyBench
work=$(mktemp -d -p "${BENCH_DIR:-$PWD/.build}" bench-progress.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 - "$bench" "$work" "$events" "$runs" <<'PY'
import json, os, sqlite3, statistics, subprocess, sys, threading, time, uuid
bench, work, total, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

def academy(writers, same):
    args = [bench, "progress", "--data", f"{work}/academy", "--writers", str(writers), "--events", str(total // writers)]
    if same:
        args.append("--same-learner")
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)

def sqlite(writers, same):
    path = f"{work}/bench.sqlite"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE events (id TEXT PRIMARY KEY, learner TEXT, body TEXT)")
    setup.commit()
    setup.close()
    per = total // writers
    latencies, lock = [], threading.Lock()
    def writer(number):
        connection = sqlite3.connect(path, timeout=60, isolation_level=None)
        connection.execute("PRAGMA synchronous=FULL")
        learner = "l0" if same else f"l{number}"
        mine = []
        for index in range(per):
            body = json.dumps({"type": "videoProgress", "video": "v", "segments": [[index, index + 1]], "position": index + 1})
            sent = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO events VALUES (?, ?, ?)", (str(uuid.uuid4()), learner, body))
            connection.execute("COMMIT")
            mine.append(time.perf_counter() - sent)
        connection.close()
        with lock:
            latencies.extend(mine)
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    latencies.sort()
    return {"rate": len(latencies) / seconds, "p50_ms": latencies[len(latencies) // 2] * 1000,
            "p99_ms": latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)] * 1000}

print(f"{total} events per run, medians of {runs} runs, each acknowledged only once flushed to disk")
print(f"{'writers':>8} {'learners':>9} | {'academy ev/s':>12} {'p50 ms':>7} {'p99 ms':>7} | {'SQLite ev/s':>11} {'p50 ms':>7} {'p99 ms':>7} | ratio")
for writers in (1, 8, 64):
    for same in (False, True):
        if writers == 1 and same:
            continue
        ours, theirs = [], []
        for _ in range(runs):  # interleaved, so drift on a noisy machine hits both alike
            ours.append(academy(writers, same))
            theirs.append(sqlite(writers, same))
        median = lambda rows, key: statistics.median(row[key] for row in rows)
        ratio = median(ours, "rate") / median(theirs, "rate")
        print(f"{writers:>8} {'one' if same else 'own':>9} | {median(ours, 'rate'):>12.0f} {median(ours, 'p50_ms'):>7.2f} {median(ours, 'p99_ms'):>7.2f} | "
              f"{median(theirs, 'rate'):>11.0f} {median(theirs, 'p50_ms'):>7.2f} {median(theirs, 'p99_ms'):>7.2f} | {ratio:.2f}x")

team = [json.loads(subprocess.run([bench, "team", "--data", f"{work}/team", "--learners", "1000"], check=True, capture_output=True, text=True).stdout)
        for _ in range(runs + 1)][1:]
print(f"team view of {team[0]['learners']} learners (open the store, load, compute): {statistics.median(t['ms'] for t in team):.0f} ms (goal: under 200 ms)")
PY
