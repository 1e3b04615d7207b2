package io.lecturevision.common.event.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code people.counted}, key: upload id. vision-service's head count of an uploaded snapshot.
 *
 * @param detectedCount set when {@code status} is {@code done}
 * @param model         the detector that counted
 * @param durationMs    how long the count took
 * @param error         why, when {@code status} is {@code failed}
 */
@RegisterForReflection
public record PeopleCounted(long uploadId, @Min(0) Integer detectedCount, @NotNull Status status, String model,
                            Long durationMs, String error) {

    public enum Status {
        @JsonProperty("done") DONE,
        @JsonProperty("failed") FAILED
    }
}
