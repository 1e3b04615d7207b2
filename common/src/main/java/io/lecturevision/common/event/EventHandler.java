package io.lecturevision.common.event;

import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.EventContract;

import java.time.Duration;

/**
 * A service's reaction to one kind of event. Implement as a CDI bean; {@link EventConsumers} feeds
 * it every record of {@link #topic()}, once per event id, inside a transaction that also records
 * the id, so the effect and the "processed" mark commit or roll back together.
 */
public interface EventHandler {

    /** The topic (event type) this handler reads. */
    String topic();

    /** Stable name: part of the consumer group id and the key of the processed-events record. */
    String name();

    /**
     * Applies the event. Any exception rolls back; a {@link PermanentEventFailure} (or data its type
     * cannot be read as) dead-letters the record at once, anything else is retried until it succeeds.
     */
    void handle(EventEnvelope event) throws Exception;

    /**
     * How long one event's transaction may last before it is rolled back (and the event retried).
     * A handler that does slow work inside it (vision-service runs a model) needs more than the
     * default, or on a loaded machine every try would time out.
     */
    default Duration transactionTimeout() {
        return Duration.ofSeconds(60);
    }

    /**
     * The record the event's data must be valid as; data that is not goes to the dead-letter topic
     * before {@link #handle} sees it. By default the topic's contract in {@link Contracts}; none for
     * a topic without one.
     */
    default Class<?> contract() {
        return Contracts.forTopic(topic()).map(EventContract::payload).orElse(null);
    }
}
