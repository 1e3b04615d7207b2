package io.lecturevision.common.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the service's bucket answers. */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {

    private final ObjectStorage storage;

    public StorageReadinessCheck(ObjectStorage storage) {
        this.storage = storage;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            storage.checkBucket();
            return HealthCheckResponse.named("object-storage").up().withData("bucket", storage.bucket()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("object-storage").down().withData("bucket", storage.bucket())
                    .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
