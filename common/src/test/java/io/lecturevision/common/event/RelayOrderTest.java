package io.lecturevision.common.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.testing.Brokers;
import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.lecturevision.common.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two relay instances over one outbox: every key's events reach the topic in commit order, none missing. */
@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
class RelayOrderTest {

    static final String TOPIC = "test.relay-order";
    private static final int KEYS = 10;
    private static final int EVENTS_PER_KEY = 100;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KafkaClients kafka;

    @Inject
    EventsConfig config;

    @Inject
    ManagedExecutor executor;

    @Inject
    TopicDeclarations topics;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Test
    void twoRelaysKeepEveryKeysCommitOrderWhileLeadershipMoves() throws Exception {
        OutboxRelay second = new OutboxRelay(dataSource, kafka, config, executor, topics, registry, jdbcUrl, user, password,
                "common-test");
        String run = UUID.randomUUID().toString();
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add(run + "-" + k);
        }
        ExecutorService writers = Executors.newFixedThreadPool(KEYS);
        Set<String> leaders = new HashSet<>();
        try (TopicReader topic = new TopicReader(Brokers.direct(), TOPIC)) {
            List<Future<?>> writing = new ArrayList<>();
            for (String key : keys) {
                writing.add(writers.submit(() -> {
                    for (int n = 0; n < EVENTS_PER_KEY; n++) {
                        int sequence = n;
                        QuarkusTransaction.requiringNew().run(() -> outbox.emit(TOPIC, key, Map.of("key", key, "n", sequence)));
                    }
                }));
            }
            // While the writers run, the leading relay steps down four times, the other takes over.
            for (int handover = 0; handover < 4; handover++) {
                long publishedBefore = published(run);
                await().atMost(WAIT).until(() -> {
                    second.wakeUp();
                    relay.wakeUp();
                    return relay.leads() || second.leads();
                });
                OutboxRelay leader = relay.leads() ? relay : second;
                leaders.add(leader == relay ? "bean" : "second");
                await().atMost(WAIT).until(() -> {
                    second.wakeUp();
                    return published(run) >= Math.min(publishedBefore + 100, KEYS * EVENTS_PER_KEY);
                });
                leader.resign();
            }
            for (Future<?> writer : writing) {
                writer.get();
            }
            await().atMost(WAIT).until(() -> {
                second.wakeUp();
                relay.wakeUp();
                return published(run) == KEYS * EVENTS_PER_KEY;
            });

            Map<String, List<Integer>> firstSeen = new HashMap<>();
            Set<String> seenIds = new HashSet<>();
            List<ConsumerRecord<String, String>> records = topic.readToEnd(WAIT);
            for (ConsumerRecord<String, String> record : records) {
                if (!record.key().startsWith(run)) {
                    continue;
                }
                JsonNode event = mapper.readTree(record.value());
                if (seenIds.add(event.path("id").asText())) { // a redelivered copy is allowed, and ignored
                    firstSeen.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event.path("data").path("n").asInt());
                }
            }
            List<Integer> expected = java.util.stream.IntStream.range(0, EVENTS_PER_KEY).boxed().toList();
            for (String key : keys) {
                assertEquals(expected, firstSeen.get(key), "events of " + key + " in commit order, none missing");
            }
            assertEquals(Set.of("bean", "second"), leaders, "both relays led at some point");
        } finally {
            writers.shutdownNow();
            second.resign();
        }
    }

    private long published(String run) {
        return Db.count(dataSource, "SELECT count(*) FROM outbox_event WHERE event_key LIKE ? AND sent_at IS NOT NULL",
                run + "-%");
    }
}
