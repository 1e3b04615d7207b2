package io.lecturevision.common.event;

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

    /** Applies the event; an exception rolls back and retries, then dead-letters the record. */
    void handle(EventEnvelope event) throws Exception;
}
