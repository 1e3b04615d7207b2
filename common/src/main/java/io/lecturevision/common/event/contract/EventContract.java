package io.lecturevision.common.event.contract;

import java.util.List;

/**
 * One topic's contract: the payload record (the CloudEvent's {@code data}), what its Kafka key is,
 * and which services produce and consume it. The topic's name is also the event's {@code type}.
 */
public record EventContract(String topic, Class<? extends Record> payload, String key, String producer,
                            List<String> consumers, String description) {
}
