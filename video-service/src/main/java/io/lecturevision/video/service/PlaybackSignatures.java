package io.lecturevision.video.service;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.security.Caller;
import io.lecturevision.video.config.VideoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Short-lived stream signatures bound to one video and one user (like PeerTube's video file
 * tokens): {@code base64url(videoId, userId, corporationId, expiry) "." base64url(HMAC-SHA256)}.
 * A browser's {@code <video>} puts it in the stream URL's query instead of a bearer header.
 */
@ApplicationScoped
public class PlaybackSignatures {

    private static final Logger LOG = Logger.getLogger(PlaybackSignatures.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String INVALID = "Invalid or expired playback signature";

    /** A signed grant to stream one video until {@code expiresAt}. */
    public record Grant(String signature, Instant expiresAt) {
    }

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    @Inject
    public PlaybackSignatures(VideoConfig config) {
        this(config.playback().signingKey().orElse(null), config.playback().ttl(), Clock.systemUTC());
    }

    /** Without a key the service still runs; playback URLs are refused (503) and signatures never verify. */
    PlaybackSignatures(String key, Duration ttl, Clock clock) {
        if (key != null && key.length() < 16) {
            throw new IllegalArgumentException("lv.video.playback.signing-key must be at least 16 characters");
        }
        if (key == null) {
            LOG.warn("LV_PLAYBACK_SIGNING_KEY is not set: browser playback URLs are disabled");
        }
        this.key = key == null ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
    }

    public Grant sign(long videoId, Caller caller) {
        if (key == null) {
            throw new ApiException(503, "Browser playback is not configured (LV_PLAYBACK_SIGNING_KEY)");
        }
        Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        String payload = videoId + "\n" + caller.userId() + "\n" + caller.corporationId() + "\n" + expiresAt.getEpochSecond();
        byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
        return new Grant(ENCODER.encodeToString(payloadBytes) + "." + ENCODER.encodeToString(mac(payloadBytes)), expiresAt);
    }

    /** The member the signature was issued to, if it is genuine, unexpired and for {@code videoId}; 401 otherwise. */
    public Caller verify(long videoId, String signature) {
        int dot = signature == null ? -1 : signature.lastIndexOf('.');
        if (key == null || dot <= 0 || signature.length() > 1000) {
            throw ApiException.unauthorized(INVALID);
        }
        byte[] payload;
        byte[] presented;
        try {
            payload = DECODER.decode(signature.substring(0, dot));
            presented = DECODER.decode(signature.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized(INVALID);
        }
        if (!MessageDigest.isEqual(mac(payload), presented)) {
            throw ApiException.unauthorized(INVALID);
        }
        String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (fields.length != 4 || !fields[0].equals(Long.toString(videoId))
                || Long.parseLong(fields[3]) <= clock.instant().getEpochSecond()) {
            throw ApiException.unauthorized(INVALID);
        }
        return new Caller(fields[1], UUID.fromString(fields[2]), false, false);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
