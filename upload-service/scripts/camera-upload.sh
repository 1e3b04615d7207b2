#!/usr/bin/env bash
# Signs and sends one classroom snapshot the way a LectureVision camera does.
#   v2 (default): X-Signature = "v2=" + hex HMAC-SHA256 of the lines "v2", X-Timestamp,
#                 Idempotency-Key, X-Client-Id (empty when none), people_count and the file's SHA-256
#                 (hex), joined by "\n": nothing in the request can be changed on the way.
#   v1 (seed 000, LV_SIGNATURE_VERSION=1): hex HMAC-SHA256 of "{X-Timestamp}." + the file's bytes.
# Either way a signature is accepted once: sign every upload anew.
#
#   camera-upload.sh IMAGE PEOPLE_COUNT [IDEMPOTENCY_KEY]
#
# Environment: LV_URL (default http://127.0.0.1:8080, the edge), LV_TOKEN (a bearer token from
# auth-service), LV_HMAC_SECRET (the camera's secret; default: the local suite's dev-only one),
# LV_CLIENT_ID (the upload client id, when the camera has its own secret), LV_SIGNATURE_VERSION (2 or 1).
set -euo pipefail
image="${1:?usage: camera-upload.sh IMAGE PEOPLE_COUNT [IDEMPOTENCY_KEY]}"
people="${2:?usage: camera-upload.sh IMAGE PEOPLE_COUNT [IDEMPOTENCY_KEY]}"
key="${3:-$(cat /proc/sys/kernel/random/uuid)}"
url="${LV_URL:-http://127.0.0.1:8080}"
secret="${LV_HMAC_SECRET:-dev-only-hmac-secret}"
: "${LV_TOKEN:?set LV_TOKEN to an access token (POST /v1/auth/login)}"

timestamp="$(date +%s)"
hmac() { openssl dgst -sha256 -hmac "$secret" | sed 's/^.*= //'; }
case "${LV_SIGNATURE_VERSION:-2}" in
  # Hash the bytes from the file itself: "$(cat image)" in a shell would drop NUL bytes and newlines.
  1) signature="$( { printf '%s.' "$timestamp"; cat "$image"; } | hmac)" ;;
  2) file_sha256="$(openssl dgst -sha256 < "$image" | sed 's/^.*= //')"
     signature="v2=$(printf 'v2\n%s\n%s\n%s\n%s\n%s' "$timestamp" "$key" "${LV_CLIENT_ID:-}" "$people" "$file_sha256" | hmac)" ;;
  *) echo "LV_SIGNATURE_VERSION must be 1 or 2" >&2; exit 2 ;;
esac

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
