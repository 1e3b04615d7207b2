package io.lecturevision.video.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "lv.video")
public interface VideoConfig {

    /**
     * Largest video accepted through the service (multipart); larger ones use a presigned upload.
     * The HTTP body limit is derived from it (application.properties).
     */
    @WithDefault("2G")
    MemorySize maxUpload();

    /** Largest video a presigned upload may announce. */
    @WithDefault("21474836480")
    long maxPresignedBytes();

    @WithDefault("1h")
    Duration presignedUploadTtl();

    /** Points for a user's first stream of a video (seed 001). */
    @WithDefault("10")
    int pointsPerFirstView();

    /** Signed stream URLs for browsers, whose {@code <video>} element cannot send a bearer header. */
    Playback playback();

    interface Playback {

        /** HMAC-SHA256 key of the playback signatures (LV_PLAYBACK_SIGNING_KEY); without one, no playback URLs. */
        Optional<String> signingKey();

        /** How long a playback URL works: the player keeps asking for ranges while the lecture plays. */
        @WithDefault("2h")
        Duration ttl();
    }
}
