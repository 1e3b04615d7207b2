package io.lecturevision.upload.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "lv.upload")
public interface UploadConfig {

    /** Largest accepted file. */
    @WithDefault("10485760")
    long maxFileBytes();

    /** Largest image, in pixels, read from the header before anything decodes it. */
    @WithDefault("40000000")
    long maxPixels();

    /** Accepted distance between X-Timestamp and the server's clock. */
    @WithDefault("300s")
    Duration signatureWindow();

    /** Seed 000's single shared secret, used when a request names no upload client. */
    Optional<String> defaultHmacSecret();

    /** Base64 of the 32-byte AES key that encrypts upload clients' secrets. */
    String secretEncryptionKey();

    /** How long an Idempotency-Key is remembered. */
    @WithDefault("24h")
    Duration idempotencyTtl();

    /** An in-flight key older than this belongs to a request that died; a retry may take it over. */
    @WithDefault("2m")
    Duration idempotencyInFlightTimeout();

    /** Lifetime of the presigned URL sent to the vision service in lecture-image.uploaded. */
    @WithDefault("1h")
    Duration presignedUrlTtl();
}
