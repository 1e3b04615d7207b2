#!/usr/bin/env bash
# vision-service's benchmarks, run by hand (not in CI); each prints a Markdown table.
#
#   bench/vision-bench.sh quality    PSNR/SSIM of the ESRGAN models and bicubic on held-out photos
#   bench/vision-bench.sh counting   people counted against bench/vision-people-labels.tsv
#   bench/vision-bench.sh speed      bare Session.run against jobs through the running suite
#                                    (needs `infra/suite up`; uses the dev admin account)
#
# Needs vision-service built (./mvnw package -pl vision-service -am -DskipTests, or infra/suite up),
# the models fetched (vision-service/models/fetch), Debian's opencv-doc and ffmpeg (frames of vtest.avi).
# LV_BENCH_MODELS (default slim,medium,thick; empty: speed measures counting only) chooses the upscalers;
# `speed` also reads both services' databases (dev roles) for its hop table. Source your env file first so
# LV_STATE_DIR and the ports are the suite's.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LV_STATE_DIR="${LV_STATE_DIR:-$ROOT/.local}"
app="$ROOT/vision-service/target/quarkus-app"
[[ -d "$app/lib/main" ]] || { echo "build vision-service first: ./mvnw package -pl vision-service -am -DskipTests" >&2; exit 1; }
# JavaCPP unpacks TensorFlow's native library where the service does, so it is not unpacked twice.
exec java -Xmx3g -Dorg.bytedeco.javacpp.cachedir="$LV_STATE_DIR/javacpp" \
  -cp "$ROOT/vision-service/target/classes:$app/lib/main/*:$app/lib/boot/*" \
  "$ROOT/bench/vision/VisionBench.java" "${1:?usage: vision-bench.sh quality|counting|speed}" \
  "$ROOT/bench/vision-people-labels.tsv"
