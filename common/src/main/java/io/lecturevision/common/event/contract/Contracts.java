package io.lecturevision.common.event.contract;

import java.util.List;
import java.util.Optional;

/**
 * Every topic of the suite, declared once. Producers emit these records, consumers read them;
 * {@code docs/events/*.schema.json} and {@code docs/asyncapi.yaml} are generated from this list
 * (ContractDocumentsTest fails when they are stale).
 */
public final class Contracts {

    public static final String USER_REGISTERED = "user.registered";
    public static final String USER_DELETED = "user.deleted";
    public static final String USER_SESSIONS_REVOKED = "user.sessions-revoked";
    public static final String CORPORATION_PLAN_CHANGED = "corporation.plan-changed";
    public static final String CORPORATION_DELETED = "corporation.deleted";
    public static final String LECTURE_IMAGE_UPLOADED = "lecture-image.uploaded";
    public static final String PEOPLE_COUNTED = "people.counted";
    public static final String VIDEO_VIEWED = "video.viewed";
    public static final String POINTS_GRANTED = "points.granted";
    public static final String AUDIO_ANALYSIS_COMPLETED = "audio.analysis-completed";
    public static final String AUDIO_ANALYSIS_FAILED = "audio.analysis-failed";

    public static final List<EventContract> ALL = List.of(
            new EventContract(USER_REGISTERED, UserRegistered.class, "user id", "auth-service", List.of(),
                    "A user was created, by self-registration or by an admin."),
            new EventContract(USER_DELETED, UserDeleted.class, "user id", "auth-service", List.of(),
                    "A user was deleted."),
            new EventContract(USER_SESSIONS_REVOKED, UserSessionsRevoked.class, "user id", "auth-service",
                    List.of("upload-service", "video-service", "vision-service", "audio-service"),
                    "A user's password, role, corporation or active state changed, or the user or its corporation was "
                            + "deleted: access tokens issued before notBefore are void."),
            new EventContract(CORPORATION_PLAN_CHANGED, CorporationPlanChanged.class, "corporation id", "auth-service",
                    List.of("video-service"),
                    "A corporation was created or its plan changed (by an admin or by expiry)."),
            new EventContract(CORPORATION_DELETED, CorporationDeleted.class, "corporation id", "auth-service",
                    List.of("upload-service", "video-service"),
                    "A corporation was deleted: upload-service removes its upload clients, video-service soft-deletes "
                            + "its videos."),
            new EventContract(LECTURE_IMAGE_UPLOADED, LectureImageUploaded.class, "upload id", "upload-service",
                    List.of("vision-service"), "A classroom snapshot was stored; vision-service counts its people."),
            new EventContract(PEOPLE_COUNTED, PeopleCounted.class, "upload id", "vision-service",
                    List.of("upload-service"), "vision-service's head count of an uploaded snapshot."),
            new EventContract(VIDEO_VIEWED, VideoViewed.class, "video id", "video-service", List.of(),
                    "A user streamed a video for the first time."),
            new EventContract(POINTS_GRANTED, PointsGranted.class, "user id", "video-service", List.of("auth-service"),
                    "Points granted for a first view, with the user's new total."),
            new EventContract(AUDIO_ANALYSIS_COMPLETED, AudioAnalysisCompleted.class, "job id", "audio-service", List.of(),
                    "An analysis server's signed webhook delivered the results of an audio analysis job."),
            new EventContract(AUDIO_ANALYSIS_FAILED, AudioAnalysisFailed.class, "job id", "audio-service", List.of(),
                    "An audio analysis job failed: storing, the analysis server, or a webhook that never came."));

    private Contracts() {
    }

    public static Optional<EventContract> forTopic(String topic) {
        return ALL.stream().filter(c -> c.topic().equals(topic)).findFirst();
    }

    /** The topics {@code service} (its {@code quarkus.application.name}) publishes. */
    public static List<String> producedBy(String service) {
        return ALL.stream().filter(c -> c.producer().equals(service)).map(EventContract::topic).toList();
    }
}
