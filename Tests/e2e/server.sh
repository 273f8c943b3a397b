#!/usr/bin/env bash
# End-to-end checks of `academy serve` with real clients: curl reads ranges, ffprobe and ffmpeg
# read and seek a generated sample video over HTTP, the OpenAPI description validates and
# schemathesis finds no failures with every operation signed in, SIGHUP reloads the content and
# SIGTERM stops the server gracefully. Needs the sample media of module bordsessie-opbouw
# (Scripts/make-sample-media --only bordsessie-opbouw) and a built academy.
set -euo pipefail
cd "$(dirname "$0")/../.."
academy=$(swift build --show-bin-path)/academy
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
cleanup() {
    [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "server.sh: $*" >&2; [ -f "$work/log" ] && tail -20 "$work/log" >&2; exit 1; }

token=$("$academy" learners add ci --name CI --team ci --role admin --data "$work/data" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# A copy of the content, so that the SIGHUP checks can change it.
cp -r Modules "$work/Modules"
"$academy" serve --modules "$work/Modules" --media "$PWD/media" --data "$work/data" --port "$port" --log-level info \
    --failed-sign-ins-per-minute 100000 >"$work/out" 2>"$work/log" &
server=$!
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || fail "the server did not get ready"
grep -q "serving 20 modules at http://127.0.0.1:$port" "$work/out" || fail "the server did not print its URL"
base="http://127.0.0.1:$port"
auth="Authorization: Bearer $token"
video="$base/media/bordsessie-opbouw/bordsessie-waarom.mp4"

echo "- curl: whole file, a range, a suffix range, an unsatisfiable range"
size=$(curl -fs -H "$auth" -o "$work/whole.mp4" -w '%{size_download}' "$video")
[ "$size" -eq "$(stat -c %s media/bordsessie-opbouw/bordsessie-waarom.mp4)" ] || fail "whole file: $size bytes"
cmp "$work/whole.mp4" media/bordsessie-opbouw/bordsessie-waarom.mp4 || fail "whole file differs"
curl -fs -H "$auth" -H "Range: bytes=1000-1999" -o "$work/part" -D "$work/headers" "$video"
grep -qi "^content-range: bytes 1000-1999/$size" "$work/headers" || fail "range: $(cat "$work/headers")"
cmp "$work/part" <(tail -c +1001 media/bordsessie-opbouw/bordsessie-waarom.mp4 | head -c 1000) || fail "range bytes differ"
curl -fs -H "$auth" -H "Range: bytes=-500" -o "$work/tail" "$video"
cmp "$work/tail" <(tail -c 500 media/bordsessie-opbouw/bordsessie-waarom.mp4) || fail "suffix range differs"
status=$(curl -s -H "$auth" -H "Range: bytes=$size-" -o /dev/null -w '%{http_code}' "$video")
[ "$status" = 416 ] || fail "unsatisfiable range: $status"

echo "- ffprobe and ffmpeg: read and seek the video over HTTP"
duration=$(ffprobe -v error -headers "$auth"$'\r\n' -show_entries format=duration -of default=nw=1:nk=1 "$video")
python3 -c "import sys; d=float('$duration'); sys.exit(0 if abs(d - 152) <= 1 else 1)" || fail "ffprobe duration $duration"
ffmpeg -v error -headers "$auth"$'\r\n' -ss 120 -i "$base/media/bordsessie-opbouw/bordsessie-waarom.webm" -frames:v 1 -f null - || fail "ffmpeg could not seek the webm"
grep -q '"status":"206"' "$work/log" || fail "no range request was logged"

echo "- OpenAPI: the description validates; schemathesis finds no failures (signed in)"
openapi-spec-validator Schemas/openapi.yaml
schemathesis run Schemas/openapi.yaml --url "$base" -H "$auth" --max-examples 100 --no-color >"$work/schemathesis" 2>&1 || {
    tail -60 "$work/schemathesis" >&2
    fail "schemathesis reported failures"
}
tail -3 "$work/schemathesis"

echo "- SIGHUP reloads the content; an invalid tree is refused and the old one keeps serving"
manifest="$work/Modules/05-bordsessie-opbouw/module.xml"
title() { curl -fs -H "$auth" "$base/api/v1/modules/bordsessie-opbouw" | python3 -c 'import json,sys; print(json.load(sys.stdin)["title"]["nl"])'; }
reloads() { grep -c "$1" "$work/log" || true; }
before=$(title)
sed -i '0,/<title>\([^<]*\)<\/title>/s//<title>\1 (herzien)<\/title>/' "$manifest"   # the module's own title
kill -HUP "$server"
for _ in $(seq 1 100); do [ "$(reloads "content reloaded")" -ge 1 ] && break; sleep 0.1; done
[ "$(title)" = "$before (herzien)" ] || fail "SIGHUP did not serve the changed title: $(title)"
cp "$manifest" "$work/good.xml"
printf '<module xmlns="urn:leerkracht:academy:module:1" id="bordsessie-opbouw"><unclosed>\n' >"$manifest"
kill -HUP "$server"
for _ in $(seq 1 100); do [ "$(reloads "still serving the previous content")" -ge 1 ] && break; sleep 0.1; done
[ "$(reloads "still serving the previous content")" -ge 1 ] || fail "an invalid tree was not refused"
grep -q "content reload refused" "$work/log" || fail "the refusal did not log its diagnostics"
grep "content reload refused" "$work/log" | grep -q "module.xml" || fail "the diagnostics do not name the file"
[ "$(title)" = "$before (herzien)" ] || fail "after a refused reload the old content is not served: $(title)"
curl -fs "$base/readyz" | grep -q '"modules":20' || fail "readyz after a refused reload"
cp "$work/good.xml" "$manifest"

echo "- SIGTERM stops gracefully"
kill -TERM "$server"
wait "$server" && status=0 || status=$?
server=
[ "$status" -eq 0 ] || fail "the server exited with $status on SIGTERM"
echo "server.sh: ok"
