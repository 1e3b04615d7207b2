package io.lecturevision.audio.service;

import io.lecturevision.audio.config.AudioConfig;
import io.lecturevision.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The signature on calls between this service and analysis servers (both directions), keyed with the
 * shared secret; {@code X-Timestamp} is Unix seconds and the body the exact bytes sent.
 * <ul>
 * <li>v1: {@code X-Signature: <hex>}, the lowercase hex HMAC-SHA256 of {@code X-Timestamp + "." + body}.</li>
 * <li>v2: {@code X-Signature: v2=<hex>}, the HMAC-SHA256 of {@code "v2\n" + X-Timestamp + "\n" + job_id + "\n" + body},
 * which also binds the job the call is about (the webhook's {@code job_id} query parameter), so a
 * signed delivery for one job cannot be replayed on another.</li>
 * </ul>
 * A call is accepted when its timestamp is within the tolerance of this service's clock and either
 * signature matches (compared in constant time).
 */
@ApplicationScoped
public class WebhookSignatures {

    public static final String SIGNATURE_HEADER = "X-Signature";
    public static final String TIMESTAMP_HEADER = "X-Timestamp";
    public static final String V2_PREFIX = "v2=";

    public record Signed(String timestamp, String signature) {
    }

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    public WebhookSignatures(AudioConfig config, Clock clock) {
        this.secret = config.webhook().secret().filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
        if (secret == null) {
            Logger.getLogger(WebhookSignatures.class).error("LV_AUDIO_WEBHOOK_SECRET is not set: webhook calls and "
                    + "calls to the analysis server cannot be signed or accepted until it is");
        }
        this.tolerance = config.webhook().tolerance();
        this.clock = clock;
    }

    /** A v1 signature: timestamp and body. */
    public Signed sign(byte[] body) {
        String timestamp = now();
        return new Signed(timestamp, HexFormat.of().formatHex(mac(v1(timestamp), body)));
    }

    /** A v2 signature: timestamp, job id and body. */
    public Signed sign(String jobId, byte[] body) {
        String timestamp = now();
        return new Signed(timestamp, V2_PREFIX + HexFormat.of().formatHex(mac(v2(timestamp, jobId), body)));
    }

    private String now() {
        if (secret == null) {
            throw new IllegalStateException("No webhook secret configured (LV_AUDIO_WEBHOOK_SECRET)");
        }
        return Long.toString(clock.instant().getEpochSecond());
    }

    /** Throws 401 unless the call is fresh and signed (v1) with the shared secret. */
    public void verify(String timestamp, String signature, byte[] body) {
        verify(timestamp, signature, null, body);
    }

    /**
     * Throws 401 unless the call is fresh and signed with the shared secret: v1 over the body, or v2
     * over {@code jobId} (as the caller sent it) and the body.
     */
    public void verify(String timestamp, String signature, String jobId, byte[] body) {
        if (secret == null) {
            throw ApiException.unauthorized("This service has no webhook secret configured");
        }
        if (timestamp == null || signature == null) {
            throw ApiException.unauthorized("Missing " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER + " header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw ApiException.unauthorized(TIMESTAMP_HEADER + " must be Unix seconds");
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) {
            throw ApiException.unauthorized("Stale " + TIMESTAMP_HEADER + ": more than " + tolerance.toSeconds()
                    + " s from the server's clock");
        }
        String presentedText = signature.trim().toLowerCase(java.util.Locale.ROOT);
        boolean scoped = presentedText.startsWith(V2_PREFIX);
        if (scoped && jobId == null) {
            throw ApiException.unauthorized("Invalid signature: v2 names a job and this call has none");
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(scoped ? presentedText.substring(V2_PREFIX.length()) : presentedText);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("Invalid signature");
        }
        byte[] expected = mac(scoped ? v2(timestamp.trim(), jobId) : v1(timestamp.trim()), body);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw ApiException.unauthorized("Invalid signature");
        }
    }

    private static String v1(String timestamp) {
        return timestamp + ".";
    }

    private static String v2(String timestamp, String jobId) {
        return "v2\n" + timestamp + "\n" + jobId + "\n";
    }

    private byte[] mac(String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
