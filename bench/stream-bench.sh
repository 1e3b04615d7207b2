#!/usr/bin/env bash
# Streaming benchmark: a full GET of a 1 GB video and random 1 MB ranges through video-service
# against the same reads straight from S3, same run, with the service's peak RSS. Needs a running
# suite (infra/suite up). LV_BENCH_VIDEO_MB (1024), LV_BENCH_CONCURRENCY (4), LV_BENCH_SECONDS (15).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl bench -am package -DskipTests
exec java -cp "bench/target/bench.jar:bench/target/lib/*" io.lecturevision.bench.StreamBench
