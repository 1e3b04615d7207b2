package io.lecturevision.vision.health;

import io.lecturevision.vision.inference.PeopleDetector;
import io.lecturevision.vision.inference.TensorFlowDevice;
import io.lecturevision.vision.inference.Upscaler;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while a configured model is missing, with the reason (bicubic always works). */
@Readiness
@ApplicationScoped
public class ModelsReadinessCheck implements HealthCheck {

    private final Upscaler upscaler;
    private final PeopleDetector people;
    private final TensorFlowDevice device;

    public ModelsReadinessCheck(Upscaler upscaler, PeopleDetector people, TensorFlowDevice device) {
        this.upscaler = upscaler;
        this.people = people;
        this.device = device;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("models").withData("device", device.placement());
        upscaler.unavailable().forEach((model, reason) -> response.withData(model.id(), reason));
        people.unavailableReason().ifPresent(reason -> response.withData("people", reason));
        return response.status(upscaler.unavailable().isEmpty() && people.unavailableReason().isEmpty()).build();
    }
}
