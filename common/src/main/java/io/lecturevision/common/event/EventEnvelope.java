package io.lecturevision.common.event;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.UUID;

/**
 * Every event on Kafka: a CloudEvents 1.0 event in structured mode (the record's value is the
 * whole event as JSON, Kafka header {@code content-type: application/cloudevents+json}), keyed by
 * {@code subject} (the aggregate id), on the topic named by {@code type}. Readers also accept the
 * envelope of earlier releases ({@code occurredAt}, {@code requestId}, no {@code specversion}).
 *
 * @param specversion     {@value #SPEC_VERSION}
 * @param id              unique per event; consumers record it to apply each event once
 * @param source          the service that wrote it, e.g. {@code auth-service}
 * @param type            e.g. {@code corporation.plan-changed}; also the topic name
 * @param subject         the aggregate the event is about (user id, upload id, ...)
 * @param time            when the change was committed
 * @param datacontenttype {@value #DATA_CONTENT_TYPE}
 * @param data            the event's own fields: the topic's record in {@code event.contract}
 * @param requestid       extension attribute: the request that caused it, for tracing across services (nullable)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(String specversion, UUID id, String source, String type, String subject,
                            @JsonAlias("occurredAt") Instant time, String datacontenttype, JsonNode data,
                            @JsonAlias("requestId") String requestid) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** The Kafka {@code content-type} header of a structured-mode CloudEvent. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public static EventEnvelope of(UUID id, String source, String type, String subject, Instant time, JsonNode data,
                                   String requestId) {
        return new EventEnvelope(SPEC_VERSION, id, source, type, subject, time, DATA_CONTENT_TYPE, data, requestId);
    }

    /** When the change was committed ({@code time}). */
    public Instant occurredAt() {
        return time;
    }

    /** The request that caused it ({@code requestid}), or null. */
    public String requestId() {
        return requestid;
    }
}
