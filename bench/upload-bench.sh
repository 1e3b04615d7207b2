#!/usr/bin/env bash
# Upload benchmark: signed ~100 KB JPEG uploads through upload-service vs plain S3 PUTs of the same
# file to the same store, same run. Needs a running suite with seed 000's 5/s limit lifted:
#   infra/suite down; LV_RATE_LIMITS_UPLOAD_LIMIT=100000 infra/suite up
#   bench/upload-bench.sh            # LV_BENCH_CONCURRENCY (8), LV_BENCH_SECONDS (15)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl bench -am package -DskipTests
exec java -cp "bench/target/bench.jar:bench/target/lib/*" io.lecturevision.bench.UploadBench
