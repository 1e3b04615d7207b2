package io.lecturevision.common.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.UUID;

/**
 * Every event on Kafka: JSON, keyed by {@code subject} (the aggregate id).
 *
 * @param id         unique per event; consumers record it to apply each event once
 * @param type       e.g. {@code corporation.plan-changed}; also the topic name
 * @param occurredAt when the change was committed
 * @param source     the service that wrote it
 * @param subject    the aggregate the event is about (user id, upload id, ...)
 * @param data       the event's own fields
 * @param requestId  the request that caused it, for tracing across services (nullable)
 */
@RegisterForReflection
public record EventEnvelope(UUID id, String type, Instant occurredAt, String source, String subject, JsonNode data,
                            String requestId) {
}
