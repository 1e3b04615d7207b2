package io.lecturevision.common.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "lv.events")
public interface EventsConfig {

    /** Kafka bootstrap servers; defaults to {@code kafka.bootstrap.servers}. */
    String bootstrapServers();

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

    /** Attempts at handling one event before it goes to the dead-letter topic. */
    @WithDefault("3")
    int consumerMaxAttempts();

    @WithDefault("200ms")
    Duration consumerRetryBackoff();

    /** Dead-letter topic of {@code t} is {@code t + suffix}. */
    @WithDefault(".dlt")
    String deadLetterSuffix();
}
