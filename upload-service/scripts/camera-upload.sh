#!/usr/bin/env bash
# Signs and sends one classroom snapshot the way a LectureVision camera does (seed 000):
#   X-Signature = hex HMAC-SHA256 of "{X-Timestamp}." followed by the file's exact bytes.
#
#   camera-upload.sh IMAGE PEOPLE_COUNT [IDEMPOTENCY_KEY]
#
# Environment: LV_URL (default http://127.0.0.1:8080, the edge), LV_TOKEN (a bearer token from
# auth-service), LV_HMAC_SECRET (the camera's secret; default: the local suite's dev-only one),
# LV_CLIENT_ID (the upload client id, when the camera has its own secret).
set -euo pipefail
image="${1:?usage: camera-upload.sh IMAGE PEOPLE_COUNT [IDEMPOTENCY_KEY]}"
people="${2:?usage: camera-upload.sh IMAGE PEOPLE_COUNT [IDEMPOTENCY_KEY]}"
key="${3:-$(cat /proc/sys/kernel/random/uuid)}"
url="${LV_URL:-http://127.0.0.1:8080}"
secret="${LV_HMAC_SECRET:-dev-only-hmac-secret}"
: "${LV_TOKEN:?set LV_TOKEN to an access token (POST /v1/auth/login)}"

timestamp="$(date +%s)"
# Hash the bytes from the file itself: "$(cat image)" in a shell would drop NUL bytes and newlines.
signature="$( { printf '%s.' "$timestamp"; cat "$image"; } | openssl dgst -sha256 -hmac "$secret" | sed 's/^.*= //')"

client_header=()
[[ -n "${LV_CLIENT_ID:-}" ]] && client_header=(-H "X-Client-Id: $LV_CLIENT_ID")

curl -sS -X POST "$url/upload" \
  -H "Authorization: Bearer $LV_TOKEN" \
  -H "X-Timestamp: $timestamp" \
  -H "X-Signature: $signature" \
  -H "Idempotency-Key: $key" \
  "${client_header[@]}" \
  -F "file=@$image" \
  -F "people_count=$people"
echo
