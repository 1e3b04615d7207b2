import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.FileReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Moves the records of {@code <topic>.dlt} back to {@code <topic>}: same key, value and headers,
 * without the lv-dlt-* headers the consumer added. Its consumer group ({@code lv-dlt-replay.<topic>})
 * remembers how far it got, so each dead-lettered record is replayed once; a record replayed twice
 * (a crash between send and commit) is skipped by the consumers, which apply each event id once.
 * Replays what was dead-lettered until the command started, then stops.
 *
 * Run with the Kafka client jars on the class path, logged in as the broker's admin (infra/suite dlt-replay
 * passes its admin.properties: SASL SCRAM-SHA-512):
 *   java -cp 'kafka/lib/*' DltReplay.java BOOTSTRAP TOPIC CLIENT_PROPERTIES
 */
public class DltReplay {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DltReplay BOOTSTRAP TOPIC CLIENT_PROPERTIES   (replays TOPIC.dlt into TOPIC)");
            System.exit(2);
        }
        String bootstrap = args[0];
        String topic = args[1];
        String deadLetters = topic + ".dlt";
        Map<String, Object> login = new HashMap<>();
        Properties properties = new Properties();
        try (FileReader reader = new FileReader(args[2])) {
            properties.load(reader);
        }
        properties.stringPropertyNames().forEach(name -> login.put(name, properties.getProperty(name)));
        int replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(with(login, Map.of(
                "bootstrap.servers", bootstrap, "group.id", "lv-dlt-replay." + topic,
                "enable.auto.commit", false, "auto.offset.reset", "earliest", "isolation.level", "read_committed",
                "key.deserializer", ByteArrayDeserializer.class, "value.deserializer", ByteArrayDeserializer.class)));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(with(login, Map.of(
                     "bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", true,
                     "key.serializer", ByteArraySerializer.class, "value.serializer", ByteArraySerializer.class)))) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetters, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(deadLetters, p.partition())).toList();
            if (partitions.isEmpty()) {
                System.err.println("no topic " + deadLetters);
                System.exit(1);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), Duration.ofSeconds(10));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata from = committed.get(partition);
                if (from != null) {
                    consumer.seek(partition, from.offset());
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> dead : consumer.poll(Duration.ofSeconds(1))) {
                    TopicPartition partition = new TopicPartition(dead.topic(), dead.partition());
                    if (dead.offset() >= end.get(partition)) {
                        consumer.seek(partition, dead.offset());
                        continue;
                    }
                    ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(topic, dead.key(), dead.value());
                    for (Header header : dead.headers()) {
                        if (!header.key().startsWith("lv-dlt-")) {
                            again.headers().add(header);
                        }
                    }
                    producer.send(again).get();
                    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(dead.offset() + 1)));
                    replayed++;
                }
            }
        }
        System.out.println("replayed " + replayed + " record(s) from " + deadLetters + " to " + topic);
    }

    private static Map<String, Object> with(Map<String, Object> login, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putAll(login);
        return all;
    }
}
