package io.lecturevision.common.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Waits on a real consumer group's committed offsets: proof that a record was handled (or skipped). */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    public static void awaitCommittedPast(String groupId, ConsumerRecord<?, ?> record, Duration timeout) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Brokers.admin(Map.of()))) {
            await().atMost(timeout).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata committed = offsets.get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }
}
