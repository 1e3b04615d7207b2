package io.lecturevision.common.event;

import io.lecturevision.common.event.contract.Contracts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates, when missing, the topics this service publishes (those {@link Contracts} names it the
 * producer of, plus {@code lv.events.produced-topics}), the topics its handlers read and their
 * dead-letter topics, with {@code lv.events.topic-partitions} and {@code topic-replication-factor}.
 * The broker does not create topics by itself. Done by each consumer before it subscribes and by
 * the outbox relay before it publishes, until it has succeeded once (so a broker that is away at
 * start is caught up with).
 */
@ApplicationScoped
public class TopicDeclarations {

    private static final Logger LOG = Logger.getLogger(TopicDeclarations.class);
    private static final long DECLARATION_TIMEOUT_MS = 10_000;

    private final KafkaClients kafka;
    private final EventsConfig config;
    private final Instance<EventHandler> handlers;
    private final String service;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();

    public TopicDeclarations(KafkaClients kafka, EventsConfig config, @Any Instance<EventHandler> handlers,
                             @ConfigProperty(name = "quarkus.application.name") String service) {
        this.kafka = kafka;
        this.config = config;
        this.handlers = handlers;
        this.service = service;
    }

    /** Every topic this service declares. */
    public List<String> topics() {
        Set<String> topics = new LinkedHashSet<>(Contracts.producedBy(service));
        config.producedTopics().ifPresent(topics::addAll);
        for (EventHandler handler : handlers) {
            topics.add(handler.topic());
            topics.add(handler.topic() + config.deadLetterSuffix());
        }
        return List.copyOf(topics);
    }

    /** Creates those of this service's topics the broker lacks; throws when the broker cannot be asked. */
    public void declareAll() {
        declare(topics());
    }

    /** Creates those of {@code topics} the broker lacks; throws when the broker cannot be asked. */
    public void declare(Collection<String> topics) {
        List<String> wanted = topics.stream().filter(t -> !declared.contains(t)).distinct().toList();
        if (wanted.isEmpty()) {
            return;
        }
        long timeoutMs = Math.max(config.sendTimeout().toMillis(), DECLARATION_TIMEOUT_MS);
        try {
            Set<String> existing = kafka.admin().listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : wanted) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, config.topicPartitions(), config.topicReplicationFactor()));
                }
            }
            if (!missing.isEmpty()) {
                var results = kafka.admin().createTopics(missing).values();
                for (var result : results.entrySet()) {
                    try {
                        result.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                        LOG.infof("Created topic %s (%d partitions, replication %d)", result.getKey(),
                                config.topicPartitions(), config.topicReplicationFactor());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
            declared.addAll(wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while declaring topics", e);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("could not declare topics " + wanted + ": " + cause, cause);
        }
    }
}
