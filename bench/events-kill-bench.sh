#!/usr/bin/env bash
# kill -9 while events are relayed and consumed. Creates LV_BENCH_EVENTS (300) PAID corporations
# through auth-service, one at a time (each commits one corporation.plan-changed to its outbox);
# a third of the way in, video-service (consuming them) is killed with SIGKILL; two thirds of the
# way in, auth-service (relaying them) is. Both are started again (as infra/suite up starts them)
# while the sender retries refused requests. Then it prints what auth-service acknowledged, what reached the topic
# and what video-service applied. Needs a running suite (infra/suite up) and psql.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${LV_PG_PORT:=15432}" "${LV_KAFKA_PORT:=19092}" "${LV_AUTH_PORT:=8081}"
: "${LV_ADMIN_EMAIL:=admin@lecturevision.local}" "${LV_ADMIN_PASSWORD:=admin-dev-password}"
STATE="${LV_STATE_DIR:-$PWD/.local}"; RUN="$STATE/run"
N="${LV_BENCH_EVENTS:-300}"
auth="http://127.0.0.1:$LV_AUTH_PORT"
tag="killbench-$(date +%s)"
work="$STATE/bench-$tag"; mkdir -p "$work"
say() { printf '[kill-bench] %s\n' "$*"; }
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<< "$2"; }

token="$(field access_token "$(curl -fsS -H 'Content-Type: application/json' -X POST "$auth/api/v1/auth/login" \
  -d "{\"email\":\"$LV_ADMIN_EMAIL\",\"password\":\"$LV_ADMIN_PASSWORD\"}")")"
[[ -n "$token" ]] || { say "admin login failed"; exit 1; }

send() { # one corporation per event; a refused connection (service down) is retried, anything else counted
  local i attempt body code
  for ((i = 1; i <= N; i++)); do
    for ((attempt = 1; ; attempt++)); do
      code="$(curl -s -o "$work/response" -w '%{http_code}' -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -X POST "$auth/v1/corporations" \
        -d "{\"name\":\"$tag-$i-$attempt\",\"plan_type\":\"PAID\",\"plan_expired_at\":\"2099-01-01T00:00:00Z\"}" || true)"
      if [[ "$code" == 201 ]]; then field id "$(cat "$work/response")" >> "$work/acknowledged"; break; fi
      [[ "$code" == 000 ]] || { echo "$code" >> "$work/refused"; break; }
      sleep 0.5 # the service is down (or died mid-request: that one may have committed unacknowledged)
    done
  done
}
: > "$work/acknowledged"
send & sender=$!
acked() { wc -l < "$work/acknowledged"; }
until (( $(acked) >= N / 3 )); do sleep 0.2; done
say "$(acked) acknowledged: kill -9 video-service (pid $(cat "$RUN/video-service.pid"))"
kill -9 "$(cat "$RUN/video-service.pid")"
until (( $(acked) >= 2 * N / 3 )); do sleep 0.2; done
say "$(acked) acknowledged: kill -9 auth-service (pid $(cat "$RUN/auth-service.pid"))"
kill -9 "$(cat "$RUN/auth-service.pid")"
restart() { # as infra/suite up starts a service (same jar, environment and PID file), without rebuilding
  local svc="$1" port="$2"; shift 2
  (cd "$svc-service" && env "$@" LV_DB_PASSWORD="$svc-dev" LV_KAFKA_PASSWORD="$svc-service-dev-only-kafka-password" nohup java -Xmx256m -Dquarkus.http.host=127.0.0.1 \
     -jar target/quarkus-app/quarkus-run.jar >> "$RUN/$svc-service.log" 2>&1 < /dev/null & echo $! > "$RUN/$svc-service.pid")
  until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do sleep 0.5; done
  say "$svc-service ready again (pid $(cat "$RUN/$svc-service.pid"))"
}
restart auth "$LV_AUTH_PORT" LV_JWT_SIGNING_KEY_LOCATION="$STATE/auth-keys/signing-key.pem" \
  LV_ADMIN_EMAIL="$LV_ADMIN_EMAIL" LV_ADMIN_PASSWORD="$LV_ADMIN_PASSWORD"
restart video "${LV_VIDEO_PORT:-8083}"
wait "$sender"

sql() { PGPASSWORD="$1-dev" psql -X -At -h 127.0.0.1 -p "$LV_PG_PORT" -U "$1" -d "$1" -c "$2"; }
sort "$work/acknowledged" > "$work/acknowledged.sorted"
deadline=$((SECONDS + 180))
while :; do
  sql video "SELECT corporation_id FROM corporation_plan WHERE name LIKE '$tag-%'" | sort > "$work/applied"
  missing="$(comm -23 "$work/acknowledged.sorted" "$work/applied" | wc -l)"
  (( missing == 0 || SECONDS > deadline )) && break
  sleep 1
done
created="$(sql auth "SELECT count(*) FROM corporation WHERE name LIKE '$tag-%'")"
pending="$(sql auth "SELECT count(*) FROM outbox_event o JOIN corporation c ON o.event_key = c.id::text WHERE c.name LIKE '$tag-%' AND o.sent_at IS NULL")"
java -Dlog4j2.configurationFile="$STATE/kafka/log4j2.properties" -cp "$STATE/kafka/lib/*" \
  org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "127.0.0.1:$LV_KAFKA_PORT" \
  --command-config "$STATE/kafka/admin.properties" --topic corporation.plan-changed --from-beginning --isolation-level read_committed --timeout-ms 15000 2>/dev/null | grep -F "\"$tag-" > "$work/topic" || true
on_topic="$(wc -l < "$work/topic")"
distinct="$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' "$work/topic" | sort -u | wc -l)"
processed="$(sql video "SELECT count(*), count(DISTINCT event_id) FROM processed_event WHERE consumer = 'corporation-plans' AND event_id::text IN ($(sed -n 's/.*"id":"\([^"]*\)".*/'"'"'\1'"'"'/p' "$work/topic" | sort -u | paste -sd, - || echo "''"))")"
cat <<REPORT
sent (acknowledged by auth-service, 201):    $(acked)
refused (other status):                      $(cat "$work/refused" 2>/dev/null | wc -l)
committed in auth-service (incl. unacked):   $created
still unpublished in auth-service's outbox:  $pending
records on corporation.plan-changed:         $on_topic ($distinct distinct events, $((on_topic - distinct)) redelivered copies)
applied by video-service (plans):            $(wc -l < "$work/applied")
acknowledged but not applied (lost):         $missing
processed_event rows / distinct event ids:   ${processed/|/ / }   (equal: nothing applied twice)
REPORT
(( missing == 0 ))
