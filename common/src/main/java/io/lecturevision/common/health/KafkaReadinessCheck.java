package io.lecturevision.common.health;

import io.lecturevision.common.event.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

/** Ready only while the Kafka cluster answers: events could neither leave nor arrive otherwise. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private final KafkaClients kafka;

    public KafkaReadinessCheck(KafkaClients kafka) {
        this.kafka = kafka;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            Collection<Node> nodes = kafka.admin().describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return HealthCheckResponse.named("kafka").up().withData("nodes", nodes.size()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").down()
                    .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
