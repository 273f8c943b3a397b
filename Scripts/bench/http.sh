#!/usr/bin/env bash
# Requests a second and p99 latency of `academy serve` (release build) and of nginx serving the same
# bytes, with wrk (2 threads, 64 connections), in one run: the catalog JSON, a 64 KB range from the
# middle of a 5 MB video, the whole 5 MB video, and a captions file. Then academy's resident memory
# after the run and its time from start to ready. Installs nginx and wrk when missing (as root).
#
#   Scripts/bench/http.sh [--duration SECONDS] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=10
runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "usage: $0 [--duration SECONDS] [--runs N]" >&2; exit 64 ;;
    esac
done
for tool in nginx wrk; do
    command -v $tool >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq $tool >/dev/null; } || { echo "http.sh: $tool is missing: apt-get install $tool" >&2; exit 1; }
done
swift build -c release --product academy >/dev/null
academy=$(swift build -c release --show-bin-path)/academy
work=$(mktemp -d -p "${BENCH_DIR:-/tmp}" bench-http.XXXXXX)
cleanup() {
    [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
academy_port=$((20000 + RANDOM % 10000))
nginx_port=$((academy_port + 1))

# The same bytes for both: a 5 MB "video" in the media directory, the captions, the catalog.
mkdir -p "$work/media/bordsessie-opbouw" "$work/www/media/bordsessie-opbouw/captions" "$work/www/api/v1"
head -c 5242880 /dev/urandom >"$work/media/bordsessie-opbouw/bordsessie-waarom.mp4"
cp "$work/media/bordsessie-opbouw/bordsessie-waarom.mp4" "$work/www/media/bordsessie-opbouw/"
cp Modules/05-bordsessie-opbouw/captions/bordsessie-waarom.nl.vtt "$work/www/media/bordsessie-opbouw/captions/"
token=$("$academy" learners add bench --name Bench --team bench --role leraar --data "$work/data" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

start=$(date +%s%N)
"$academy" serve --data "$work/data" --media "$work/media" --port "$academy_port" --log-level error >"$work/academy.out" 2>&1 &
server=$!
until curl -fs "http://127.0.0.1:$academy_port/readyz" >/dev/null 2>&1; do sleep 0.005; done
ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$academy_port/api/v1/modules" >"$work/www/api/v1/modules"

cat >"$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    default_type application/octet-stream;
    types { application/json modules; video/mp4 mp4; text/vtt vtt; }
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/www;
        location / { etag on; }
    }
}
NGINX
chmod -R a+rX "$work/www" && chmod a+x "$work"   # nginx's workers run as another user
nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$nginx_port/api/v1/modules" >/dev/null 2>&1 && break; sleep 0.02; done
curl -fs "http://127.0.0.1:$nginx_port/api/v1/modules" >/dev/null || { echo "http.sh: nginx does not answer:" >&2; cat "$work/nginx-error.log" >&2; exit 1; }

python3 - "$academy_port" "$nginx_port" "$token" "$duration" "$runs" "$server" "$ready_ms" <<'PY'
import re, statistics, subprocess, sys
academy_port, nginx_port, token, duration, runs, pid, ready_ms = sys.argv[1:8]
middle = 5242880 // 2
cases = [
    ("catalog JSON", "/api/v1/modules", [], 0.9),
    ("64 KB range of 5 MB", "/media/bordsessie-opbouw/bordsessie-waarom.mp4", [f"Range: bytes={middle}-{middle + 65535}"], 0.7),
    ("whole 5 MB video", "/media/bordsessie-opbouw/bordsessie-waarom.mp4", [], 0.8),
    ("captions file", "/media/bordsessie-opbouw/captions/bordsessie-waarom.nl.vtt", [], 0.9),
]

def wrk(port, path, headers):
    command = ["wrk", "-t2", "-c64", f"-d{duration}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    result = subprocess.run(command + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", result)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result)
    if errors:
        sys.exit(f"http.sh: {errors.group(1)} error responses from port {port} on {path}")
    return rate, p99_ms

print(f"wrk -t2 -c64 -d{duration}s, medians of {runs} runs (academy with a bearer token, nginx without)")
print(f"{'':22} {'academy req/s':>14} {'p99 ms':>7} | {'nginx req/s':>12} {'p99 ms':>7} | {'ratio':>6} {'goal':>6} | p99 x")
for name, path, headers, goal in cases:
    ours, theirs = [], []
    for _ in range(int(runs)):  # interleaved, so drift on a noisy machine hits both alike
        ours.append(wrk(academy_port, path, headers + [f"Authorization: Bearer {token}"]))
        theirs.append(wrk(nginx_port, path, headers))
    rate, p99 = statistics.median(r for r, _ in ours), statistics.median(p for _, p in ours)
    nginx_rate, nginx_p99 = statistics.median(r for r, _ in theirs), statistics.median(p for _, p in theirs)
    print(f"{name:22} {rate:>14.0f} {p99:>7.2f} | {nginx_rate:>12.0f} {nginx_p99:>7.2f} | {rate / nginx_rate:>5.2f}x {goal:>5.1f}x | {p99 / nginx_p99:.1f}")
rss = int(re.search(r"VmRSS:\s+(\d+)", open(f"/proc/{pid}/status").read()).group(1)) / 1024
print(f"academy resident memory after the run: {rss:.0f} MB (goal: under 100 MB)")
print(f"academy start to ready: {ready_ms} ms (goal: under 300 ms)")
PY
