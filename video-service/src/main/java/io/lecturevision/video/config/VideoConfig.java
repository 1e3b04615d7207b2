package io.lecturevision.video.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "lv.video")
public interface VideoConfig {

    /** Largest video accepted through the service (multipart); larger ones use a presigned upload. */
    @WithDefault("2147483648")
    long maxUploadBytes();

    /** Largest video a presigned upload may announce. */
    @WithDefault("21474836480")
    long maxPresignedBytes();

    @WithDefault("1h")
    Duration presignedUploadTtl();

    /** Points for a user's first stream of a video (seed 001). */
    @WithDefault("10")
    int pointsPerFirstView();
}
