package io.lecturevision.common.event.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code audio.analysis-completed}, published by audio-service when an analysis server's signed
 * webhook delivers the results of a job; keyed by the job id.
 */
@RegisterForReflection
public record AudioAnalysisCompleted(UUID jobId, long tokenId, UUID corporationId, String requestedBy,
                                     JsonNode analysisResults, Instant completedAt) {
}
