package io.lecturevision.audio.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Bodies of the analysis routes, in seed 004's shapes. */
public final class AnalysisDtos {

    private AnalysisDtos() {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UploadAccepted(String message, String jobId, String status) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AnalysisResult(String status, String tokenId, int progress, JsonNode result, String message) {
    }

    /** The analysis server's callback: {@code analysis_results}, or {@code error} when it could not analyse. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record WebhookBody(JsonNode analysisResults, String error) {
    }

    @RegisterForReflection
    public record WebhookAnswer(String detail) {
    }
}
