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
 * The signature on calls between this service and analysis servers (both directions):
 * {@code X-Signature} is the lowercase hex HMAC-SHA256, keyed with the shared secret, of
 * {@code X-Timestamp + "." + body}, where {@code X-Timestamp} is Unix seconds and the body the exact
 * bytes sent. A call is accepted when its timestamp is within the tolerance of this service's clock
 * and the signature matches (compared in constant time).
 */
@ApplicationScoped
public class WebhookSignatures {

    public static final String SIGNATURE_HEADER = "X-Signature";
    public static final String TIMESTAMP_HEADER = "X-Timestamp";

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

    public Signed sign(byte[] body) {
        if (secret == null) {
            throw new IllegalStateException("No webhook secret configured (LV_AUDIO_WEBHOOK_SECRET)");
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        return new Signed(timestamp, HexFormat.of().formatHex(mac(timestamp, body)));
    }

    /** Throws 401 unless the call is fresh and signed with the shared secret. */
    public void verify(String timestamp, String signature, byte[] body) {
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
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(signature.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("Invalid signature");
        }
        if (!MessageDigest.isEqual(mac(timestamp.trim(), body), presented)) {
            throw ApiException.unauthorized("Invalid signature");
        }
    }

    private byte[] mac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
