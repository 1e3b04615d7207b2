package io.lecturevision.common.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "lv.events")
public interface EventsConfig {

    /** Kafka bootstrap servers; defaults to {@code kafka.bootstrap.servers}. */
    String bootstrapServers();

    /**
     * The service's own principal on the broker (SASL SCRAM-SHA-512): {@code LV_KAFKA_USERNAME}; the
     * broker's ACLs let it write only the topics it produces and read only those it consumes.
     */
    String username();

    /** The principal's password: {@code LV_KAFKA_PASSWORD}, a secret (none in prod; dev-only values in dev and test). */
    String password();

    /** Consumer group ids are {@code <prefix>.<handler name>}. */
    String consumerGroupPrefix();

    /** Whether this instance runs its event handlers. */
    @WithDefault("true")
    boolean consumersEnabled();

    /** How often the relay looks for rows that no commit woke it for (e.g. after a broker outage). */
    @WithDefault("1s")
    Duration outboxPollInterval();

    /** Rows the relay publishes per database transaction. */
    @WithDefault("100")
    int outboxBatchSize();

    /** How long a publish may wait for the broker before the row is left for the next round. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** How long published rows stay in the outbox table before they are deleted. */
    @WithDefault("7d")
    Duration outboxRetention();

    /** First pause before an event that failed for a passing reason is tried again; doubles per failure. */
    @WithDefault("200ms")
    Duration consumerRetryBackoff();

    /** Longest pause between two tries of one event (it is retried for as long as the failure lasts). */
    @WithDefault("30s")
    Duration consumerRetryBackoffMax();

    /** First pause before a consumer whose thread died is started again; doubles per death. */
    @WithDefault("1s")
    Duration consumerRestartBackoff();

    @WithDefault("60s")
    Duration consumerRestartBackoffMax();

    /** Dead-letter topic of {@code t} is {@code t + suffix}. */
    @WithDefault(".dlt")
    String deadLetterSuffix();

    /** Partitions of the topics a service creates at start (those it produces, consumes, dead-letters). */
    @WithDefault("3")
    int topicPartitions();

    @WithDefault("1")
    short topicReplicationFactor();

    /** Topics this service publishes besides those the contract registry names it the producer of. */
    Optional<List<String>> producedTopics();

    /** How often the outbox backlog gauges (pending rows, age of the oldest) are refreshed. */
    @WithDefault("10s")
    Duration outboxBacklogInterval();
}
