#!/usr/bin/env bash
# End to end through the running suite: a classroom image sent to upload-service's POST /upload,
# signed as a camera does (upload-service/scripts/camera-upload.sh), must come back on
# GET /uploads/{id} with the count vision-service made, carried by the real broker
# (lecture-image.uploaded -> vision-service -> people.counted -> upload-service).
#
#   smoke-count.sh TOKEN [IMAGE] [EXPECTED_COUNT]
#
# TOKEN: a bearer token of a user allowed to upload. IMAGE defaults to Debian opencv-doc's
# basketball1.png, whose expected count is 2 (PeopleCountTest counts the same photo).
# Environment: LV_URL (the edge, default http://127.0.0.1:8080), LV_HMAC_SECRET (the suite's
# upload signing secret), LV_COUNT_WAIT_SECONDS (default 300: counting takes tens of seconds on
# a loaded machine, plus the consumers' start).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
token="${1:?usage: smoke-count.sh TOKEN [IMAGE] [EXPECTED_COUNT]}"
default_image=/usr/share/doc/opencv-doc/examples/data/basketball1.png
image="${2:-$default_image}"
expected="${3:-}"
[[ -n "$expected" || "$image" != "$default_image" ]] || expected=2
url="${LV_URL:-http://127.0.0.1:8080}"
wait_seconds="${LV_COUNT_WAIT_SECONDS:-300}"

log() { printf '[smoke-count] %s\n' "$*"; }
die() { printf '[smoke-count] ERROR: %s\n' "$*" >&2; exit 1; }
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" <<< "$2" | head -n 1; }

[[ -f "$image" ]] || die "$image missing (Debian: apt-get install -y opencv-doc)"
body="$(LV_URL="$url" LV_TOKEN="$token" "$ROOT/upload-service/scripts/camera-upload.sh" "$image" 0)" \
  || die "POST /upload failed: $body"
id="$(field id "$body")"
[[ -n "$id" && "$(field count_status "$body")" == pending ]] || die "POST /upload answered $body"
log "uploaded $(basename "$image") as upload $id (count_status pending)"

started=$SECONDS
status=pending
while (( SECONDS - started < wait_seconds )); do
  body="$(curl -fsS -H "Authorization: Bearer $token" "$url/uploads/$id")" || die "GET /uploads/$id failed"
  status="$(field count_status "$body")"
  [[ "$status" == pending ]] || break
  sleep 2
done
count="$(field detected_count "$body")"
model="$(field count_model "$body")"
case "$status" in
  done) log "detected_count=$count count_status=done count_model=$model after $((SECONDS - started)) s" ;;
  pending) die "no count on upload $id after ${wait_seconds} s (is vision-service consuming lecture-image.uploaded?)" ;;
  *) die "count_status=$status on upload $id: $body" ;;
esac
[[ -z "$expected" || "$count" == "$expected" ]] || die "detected_count $count, expected $expected"
