#!/usr/bin/env bash
# SSE fan-out of audio-service: LV_BENCH_LISTENERS (1000) listeners held on one job, then
# LV_BENCH_EVENTS (20) progress events and the final one written and NOTIFY'd as the instance
# running a job writes them; prints events/s delivered over all listeners, how often the service read
# the job's events during the burst (counted in PostgreSQL's statement log when the bench can switch
# it on for the service's role on the suite's own cluster; one read per event whatever the number of
# listeners is the design) and the load average. Starts its own
# audio-service from the packaged jar (test profile: the audio_test database of a running
# `infra/suite infra`, its own throw-away JWT keys) on LV_BENCH_PORT (38185).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -n "${LV_BENCH_NO_BUILD:-}" ]] || ./mvnw -B -q -pl audio-service -am package -DskipTests
work="$(mktemp -d)"
pid=""
state="${LV_STATE_DIR:-$PWD/.local}"
pg_log=""
psql_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/psql"
pg_super() {
  runuser -u postgres -- "$psql_bin" -X -q -h "$state/pg/sock" -p "${LV_PG_PORT:-15432}" -d postgres -tAc "$1"
}
cleanup() {
  if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  [[ -z "$pg_log" ]] || pg_super "ALTER ROLE audio IN DATABASE audio_test RESET log_statement" || true
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true
cp="common/target/common-0.1.0-SNAPSHOT-tests.jar:audio-service/target/quarkus-app/lib/main/*:audio-service/target/quarkus-app/lib/boot/*"
# With the suite's own cluster (root, its socket), the service's statements are logged for the run
# so that its reads of the job's events can be counted exactly.
if [[ $EUID -eq 0 && -S "$state/pg/sock/.s.PGSQL.${LV_PG_PORT:-15432}" && -x "$psql_bin" ]] \
   && pg_super "ALTER ROLE audio IN DATABASE audio_test SET log_statement = 'all'"; then
  pg_log="$state/run/postgres.log"
fi
jwks="$(java -cp "$cp" bench/audio-sse-bench.java keys "$work/keys")"
port="${LV_BENCH_PORT:-38185}"
java -Xmx256m -Dquarkus.profile=test -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
  -Dmp.jwt.verify.publickey.location="$jwks" -jar audio-service/target/quarkus-app/quarkus-run.jar \
  > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 240); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log"; exit 1; }
  sleep 0.5
done
java -cp "$cp" bench/audio-sse-bench.java run "http://127.0.0.1:$port" "$work/keys" \
  "jdbc:postgresql://127.0.0.1:${LV_PG_PORT:-15432}/audio_test" audio "${LV_DB_PASSWORD:-audio-dev}" \
  "${LV_BENCH_LISTENERS:-1000}" "${LV_BENCH_EVENTS:-20}" $pg_log
echo "audio-service RSS after the run: $(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 )) MB"
