package io.lecturevision.upload.service;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.upload.config.UploadConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Upload request signatures, compared in constant time, with a replay window around the server's
 * clock. Two schemes, told apart by the {@code X-Signature} header:
 * <ul>
 * <li>v1 (seed 000, a bare hex value): HMAC-SHA256 of {@code "{X-Timestamp}." + file bytes};</li>
 * <li>v2 ({@code v2=<hex>}): HMAC-SHA256 of the lines {@code v2}, X-Timestamp, Idempotency-Key,
 * X-Client-Id (empty when none), people_count as sent and the file's SHA-256 in lower-case hex,
 * joined by {@code \n}, so none of them can be changed on the way.</li>
 * </ul>
 */
@ApplicationScoped
public class SignatureVerifier {

    static final String V2_PREFIX = "v2=";

    private final UploadConfig config;
    private final Clock clock;

    public SignatureVerifier(UploadConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The parts of an upload a signature may cover, as the client sent them. */
    public record SignedUpload(String timestamp, String signature, String idempotencyKey, UUID clientId,
                               String peopleCount, Path file, String fileSha256) {
    }

    /** A signature that verified: its value (to be used once) and until when its timestamp is accepted. */
    public record VerifiedSignature(String value, Instant acceptedUntil) {
    }

    public VerifiedSignature verify(SignedUpload request, String secret) {
        String timestampHeader = request.timestamp();
        if (timestampHeader == null || timestampHeader.isBlank()) {
            throw ApiException.unauthorized("Missing X-Timestamp header");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            throw ApiException.unauthorized("X-Timestamp must be UNIX seconds");
        }
        long window = config.signatureWindow().toSeconds();
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > window) {
            throw ApiException.unauthorized("X-Timestamp is outside the allowed window of " + window + " seconds");
        }
        String signatureHeader = request.signature();
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw ApiException.unauthorized("Missing X-Signature header");
        }
        String presentedHex = signatureHeader.trim().toLowerCase(Locale.ROOT);
        boolean v2 = presentedHex.startsWith(V2_PREFIX);
        if (v2) {
            presentedHex = presentedHex.substring(V2_PREFIX.length());
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(presentedHex);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("X-Signature must be a hex HMAC-SHA256 (v1) or v2=<hex>");
        }
        byte[] expected = v2 ? signV2(request, timestampHeader.trim(), secret) : sign(timestampHeader.trim(), request.file(), secret);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw ApiException.unauthorized("Invalid signature");
        }
        return new VerifiedSignature(HexFormat.of().formatHex(expected), Instant.ofEpochSecond(timestamp + window));
    }

    /** v1: HMAC-SHA256 over {@code timestamp + "." + file}, reading the file in chunks. */
    static byte[] sign(String timestamp, Path file, String secret) {
        try (InputStream in = Files.newInputStream(file)) {
            Mac mac = hmac(secret);
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                mac.update(buffer, 0, read);
            }
            return mac.doFinal();
        } catch (IOException e) {
            throw new IllegalStateException("cannot compute the request signature", e);
        }
    }

    /** v2: HMAC-SHA256 over the covered fields, one per line. */
    static byte[] signV2(SignedUpload request, String timestamp, String secret) {
        String covered = String.join("\n", "v2", timestamp,
                request.idempotencyKey() == null ? "" : request.idempotencyKey(),
                request.clientId() == null ? "" : request.clientId().toString(),
                request.peopleCount() == null ? "" : request.peopleCount(),
                request.fileSha256());
        return hmac(secret).doFinal(covered.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac hmac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
