#!/usr/bin/env bash
# Times `academy validate` (release build) against `xmllint --noout --schema` on the same 2,000
# synthetic module manifests, in one run, and prints both medians and the ratio. academy also
# reads every captions file (10,000) and applies every semantic rule; xmllint only parses and
# checks the schema. Then it times academy on the bundled content.
#
# The binary measured is the one a school would be given: a release build with the Swift
# runtime and Foundation linked in (--static-swift-stdlib, in .build-static/), which starts in
# about half the time of one that loads them as shared libraries. --dynamic measures the plain
# `swift build -c release` binary instead.
#
#   Scripts/bench/validate.sh [--modules N] [--runs N] [--dynamic]
set -euo pipefail
cd "$(dirname "$0")/../.."
modules=2000
runs=21
dynamic=0
while [ $# -gt 0 ]; do
    case "$1" in
        --modules) modules=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --dynamic) dynamic=1; shift ;;
        *) echo "usage: $0 [--modules N] [--runs N] [--dynamic]" >&2; exit 64 ;;
    esac
done
command -v xmllint >/dev/null || { echo "validate.sh: xmllint is missing: apt-get install libxml2-utils" >&2; exit 1; }

if [ "$dynamic" = 1 ]; then
    build=(swift build -c release --product academy)
else
    build=(swift build -c release --product academy --static-swift-stdlib --scratch-path .build-static)
fi
"${build[@]}" >/dev/null
academy=$("${build[@]}" --show-bin-path)/academy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Scripts/bench/generate-content.py "$work/content" --modules "$modules"
# The 54 MB just written would otherwise be flushed to disk during the first runs, by kernel
# threads that take CPU time from whichever command runs then.
sync
"$academy" validate --strict "$work/content" >/dev/null || { echo "validate.sh: the synthetic content does not validate" >&2; exit 1; }

python3 - "$academy" "$work/content" "$runs" <<'PY'
import glob, resource, statistics, subprocess, sys, time
academy, content, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
manifests = sorted(glob.glob(f"{content}/*/module.xml"))
commands = {
    "academy validate": [academy, "validate", "--strict", content],
    "xmllint --schema": ["xmllint", "--noout", "--schema", "Schemas/module-1.xsd", *manifests],
    "academy (bundled)": [academy, "validate", "--strict", "Modules"],
}
def run(name, command):
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if result.returncode != 0:
        sys.exit(f"validate.sh: {name} failed with status {result.returncode}")

for name, command in commands.items():  # one untimed round: files and binaries in memory
    run(name, command)
times = {name: [] for name in commands}
cpu = {name: [] for name in commands}
for _ in range(runs):  # interleaved, so drift on a noisy machine hits both alike
    for name, command in commands.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run(name, command)
        times[name].append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
median = {name: statistics.median(values) * 1000 for name, values in times.items()}
print(f"{len(manifests)} modules, {runs} runs each, medians (wall time, and CPU time on all cores):")
for name, value in median.items():
    print(f"  {name:20s} {value:8.1f} ms   cpu {statistics.median(cpu[name]) * 1000:8.1f} ms")
ratio = median["academy validate"] / median["xmllint --schema"]
print(f"ratio academy/xmllint: {ratio:.2f}x (goal: at most 1.00x)")
print(f"bundled content: {median['academy (bundled)']:.1f} ms (goal: under 60 ms)")
PY
