package io.lecturevision.common.health;

import io.lecturevision.common.event.ConsumerStatus;
import io.lecturevision.common.event.EventConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Lists each event consumer (state, assigned partitions, restarts, lag, last error). DOWN while one
 * is retrying an event that fails for a passing reason, or waits to be started again after its
 * thread died: this instance is then not keeping up with what happens elsewhere.
 */
@Readiness
@ApplicationScoped
public class EventConsumersReadinessCheck implements HealthCheck {

    static final String NAME = "event-consumers";

    private final EventConsumers consumers;

    public EventConsumersReadinessCheck(EventConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        List<ConsumerStatus> statuses = consumers.statuses();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(statuses.stream().allMatch(s -> s.state().ready()));
        for (ConsumerStatus status : statuses) {
            String prefix = status.name() + ".";
            response.withData(prefix + "topic", status.topic())
                    .withData(prefix + "state", status.state().name().toLowerCase())
                    .withData(prefix + "partitions", String.join(",", status.partitions()))
                    .withData(prefix + "restarts", status.restarts())
                    .withData(prefix + "lag", status.lag());
            if (status.lastError() != null) {
                response.withData(prefix + "lastError", status.lastError())
                        .withData(prefix + "lastErrorAt", status.lastErrorAt().toString());
            }
        }
        return response.build();
    }
}
