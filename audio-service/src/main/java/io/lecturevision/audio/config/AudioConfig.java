package io.lecturevision.audio.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "lv.audio")
public interface AudioConfig {

    /** Largest recording accepted; the HTTP body limit is derived from it (application.properties). */
    @WithDefault("100M")
    MemorySize maxUpload();

    /** Where uploads wait on local disk until they are stored in S3. */
    @WithDefault("${java.io.tmpdir}/lv-audio-spool")
    Path spoolDir();

    /** The analysis server (seed 004's TARGET_SERVER_URL); this service's own /analyze-voice when absent. */
    Optional<URI> targetServerUrl();

    /** Where the analysis server calls back (seed 004's WEBHOOK_URL); this service's own route when absent. */
    Optional<URI> webhookUrl();

    /** How long the analysis server may read the recording through its presigned URL. */
    @WithDefault("1h")
    Duration presignTtl();

    /** A job whose webhook has not come this long after the analysis server accepted it fails. */
    @WithDefault("30m")
    Duration webhookTimeout();

    /** A step (storing, asking the server) that has not moved for this long was left by a stopped instance. */
    @WithDefault("5m")
    Duration staleStepAfter();

    /** Attempts at a step before the job fails; a resumed step counts as another attempt. */
    @WithDefault("3")
    int maxAttempts();

    Webhook webhook();

    Sse sse();

    interface Webhook {
        /**
         * Shared secret of the HMAC-SHA256 signature on webhook calls (and on calls to /analyze-voice).
         * No default in prod: without it every signed call is refused (and said so at start); the dev
         * and test profiles use a dev-only value.
         */
        Optional<String> secret();

        /** How far X-Timestamp may be from this service's clock. */
        @WithDefault("5m")
        Duration tolerance();
    }

    interface Sse {
        @WithDefault("15s")
        Duration heartbeat();

        /** The reconnect delay sent to clients ({@code retry:}). */
        @WithName("retry")
        @WithDefault("3s")
        Duration retryDelay();
    }
}
