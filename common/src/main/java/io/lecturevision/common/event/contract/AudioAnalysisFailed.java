package io.lecturevision.common.event.contract;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code audio.analysis-failed}, published by audio-service when a job fails: the recording could
 * not be stored, the analysis server could not be reached or reported an error, or its webhook
 * never came; keyed by the job id.
 */
@RegisterForReflection
public record AudioAnalysisFailed(UUID jobId, long tokenId, UUID corporationId, String requestedBy, String reason,
                                  Instant failedAt) {
}
