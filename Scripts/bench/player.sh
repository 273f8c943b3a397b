#!/usr/bin/env bash
# Times the terminal player (release build) in a pseudo-terminal of 100x30, over repeated runs:
#   - start to first full screen: from starting `academy play` to the moment its first frame (with
#     the footer, the last thing drawn) has arrived;
#   - key to redraw: from writing a key to the moment the first byte of its redraw arrives, on the
#     catalog (↓/↑) and on a video screen with the captions paused (→/←);
#   - bytes per redraw: what a key's redraw writes, against a full frame (only changed cells go out).
# With the bundled content and with N synthetic modules (Scripts/bench/generate-content.py); the
# first screen both cold (no content cache: every manifest and captions file read and validated)
# and warm (the player's content cache, see Sources/AcademyPlayer/Session/ContentCache.swift).
# Goals: first screen under 100 ms (bundled) and 300 ms (2,000 modules); key to redraw under 10 ms.
#
#   Scripts/bench/player.sh [--modules N] [--runs N] [--keys N] [--scratch-path DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
modules=2000
runs=11
keys=20
scratch=.build
while [ $# -gt 0 ]; do
    case "$1" in
        --modules) modules=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --keys) keys=$2; shift 2 ;;
        --scratch-path) scratch=$2; shift 2 ;;
        *) echo "usage: $0 [--modules N] [--runs N] [--keys N] [--scratch-path DIR]" >&2; exit 64 ;;
    esac
done

swift build -c release --product academy --scratch-path "$scratch" >/dev/null
academy=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/academy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Scripts/bench/generate-content.py "$work/content" --modules "$modules"

python3 - "$academy" "$work" "$runs" "$keys" "$modules" <<'PY'
import fcntl, os, pty, select, shutil, statistics, struct, sys, termios, time

academy, work, runs, keys, modules = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
FOOTER = "? hulp".encode()


def read_until(fd, predicate, timeout=10.0):
    """Reads from fd until predicate(buffer) holds; returns the buffer and the time it did."""
    buffer = b""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0, deadline - time.perf_counter()))
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        buffer += chunk
        if predicate(buffer):
            return buffer, time.perf_counter()
    raise SystemExit(f"player.sh: timed out; the output so far ends with {buffer[-300:]!r}")


def drain(fd, quiet=0.15):
    """Reads whatever arrives until the output has been quiet for `quiet` seconds."""
    total = 0
    while select.select([fd], [], [], quiet)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return total
        if not chunk:
            return total
        total += len(chunk)
    return total


def key_times(fd, sequence, count):
    """Writes keys one at a time; the time from each write to the first byte of its redraw, and its size."""
    times, sizes = [], []
    for index in range(count):
        drain(fd, 0.05)
        key = sequence[index % len(sequence)]
        start = time.perf_counter()
        os.write(fd, key)
        select.select([fd], [], [], 5)
        arrived = time.perf_counter()
        size = len(os.read(fd, 65536)) + drain(fd, 0.03)
        times.append((arrived - start) * 1000)
        sizes.append(size)
    return times, sizes


CACHE = os.path.join(work, "cache")


def session(content, data, cold=False, keys=keys):
    """One run: returns (first screen ms, first frame bytes, catalog key times, sizes, video key times, sizes)."""
    if cold:
        shutil.rmtree(CACHE, ignore_errors=True)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.environ["XDG_CACHE_HOME"] = CACHE
        os.execv(academy, [academy, "play", "--data", data, "--modules", content])
    frame, shown = read_until(fd, lambda buffer: FOOTER in buffer)
    first = (shown - start) * 1000
    catalog = key_times(fd, [b"\x1b[B", b"\x1b[A"], keys)
    os.write(fd, b"\r")          # the "begin here" row: the first video, captions playing
    drain(fd, 0.3)
    os.write(fd, b" ")           # pause, so only keys redraw
    drain(fd, 0.2)
    video = key_times(fd, [b"\x1b[C", b"\x1b[D"], keys)
    os.write(fd, b"\x03")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    return first, len(frame), catalog, video


contents = {"bundled": "Modules", f"{modules} modules": os.path.join(work, "content")}
results = {name: {"first": [], "cold": [], "frame": [], "catalog": [], "catalog_bytes": [], "video": [], "video_bytes": []} for name in contents}
for name, content in contents.items():
    data = os.path.join(work, "data-" + name.replace(" ", "-"))
    session(content, data)  # warm-up: the data directory is made, the files are in the page cache
for _ in range(runs):  # interleaved, so drift on a noisy machine hits both alike
    for name, content in contents.items():
        data = os.path.join(work, "data-" + name.replace(" ", "-"))
        results[name]["cold"].append(session(content, data, cold=True, keys=1)[0])
        first, frame, catalog, video = session(content, data)
        result = results[name]
        result["first"].append(first)
        result["frame"].append(frame)
        result["catalog"] += catalog[0]
        result["catalog_bytes"] += catalog[1]
        result["video"] += video[0]
        result["video_bytes"] += video[1]

goals = {"bundled": 100, f"{modules} modules": 300}
print(f"academy play in a 100x30 pty, {runs} runs each ({keys} keys per screen per run), medians:")
for name, result in results.items():
    first = statistics.median(result["first"])
    cold = statistics.median(result["cold"])
    print(f"  {name:14s} start to first full screen {first:7.1f} ms (goal: under {goals[name]} ms)"
          f"  {'ok' if first < goals[name] else 'OVER'}; cold, without the content cache: {cold:.1f} ms")
for name, result in results.items():
    for screen in ("catalog", "video"):
        value = statistics.median(result[screen])
        worst = max(result[screen])
        print(f"  {name:14s} key to redraw, {screen:7s} {value:7.2f} ms (max {worst:5.2f}; goal: under 10 ms)  {'ok' if value < 10 else 'OVER'}")
for name, result in results.items():
    print(f"  {name:14s} bytes: full frame {statistics.median(result['frame']):6.0f}, catalog key {statistics.median(result['catalog_bytes']):4.0f}, "
          f"video key {statistics.median(result['video_bytes']):4.0f}")
PY
