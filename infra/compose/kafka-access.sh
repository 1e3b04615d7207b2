#!/bin/sh
# docker-compose.yml's broker: once it answers, gives each service principal of infra/kafka/acls.tsv its
# DEV-ONLY SCRAM-SHA-512 password (<principal>-dev-only-kafka-password, as infra/suite), creates every
# topic the file names and adds its ACLs, then leaves the marker the broker's healthcheck waits for.
set -eu
bin=/opt/kafka/bin
admin=/lv/kafka-admin.properties
acls=/lv/acls.tsv
until "$bin/kafka-broker-api-versions.sh" --bootstrap-server kafka:9092 --command-config "$admin" > /dev/null 2>&1; do
  sleep 2
done
for principal in $(grep -v '^#' "$acls" | cut -f1 | sort -u); do
  "$bin/kafka-configs.sh" --bootstrap-server kafka:9092 --command-config "$admin" --alter --entity-type users \
    --entity-name "$principal" --add-config "SCRAM-SHA-512=[password=$principal-dev-only-kafka-password]"
done
for topic in $(grep -v '^#' "$acls" | awk -F'\t' '$2 == "topic" { print $4 }' | sort -u); do
  "$bin/kafka-topics.sh" --bootstrap-server kafka:9092 --command-config "$admin" --create --if-not-exists \
    --topic "$topic" --partitions 3 --replication-factor 1
done
grep -v '^#' "$acls" | while IFS="$(printf '\t')" read -r principal type pattern name operations; do
  case "$type" in
    topic) resource="--topic $name" ;;
    group) resource="--group $name" ;;
    transactionalId) resource="--transactional-id $name" ;;
    *) echo "unknown resource type $type" >&2; exit 1 ;;
  esac
  ops=""
  for op in $(echo "$operations" | tr ',' ' '); do ops="$ops --operation $op"; done
  # shellcheck disable=SC2086
  "$bin/kafka-acls.sh" --bootstrap-server kafka:9092 --command-config "$admin" --add --allow-principal "User:$principal" \
    $ops $resource --resource-pattern-type "$pattern" > /dev/null
done
touch /tmp/lv-broker-access-applied
echo "broker access applied: SCRAM logins, topics and ACLs of infra/kafka/acls.tsv"
