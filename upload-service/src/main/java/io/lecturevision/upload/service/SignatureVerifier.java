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
import java.util.HexFormat;

/**
 * Seed 000's request signature: hex HMAC-SHA256 of {@code "{X-Timestamp}." + file bytes}, with a
 * replay window around the server's clock; compared in constant time.
 */
@ApplicationScoped
public class SignatureVerifier {

    private final UploadConfig config;
    private final Clock clock;

    public SignatureVerifier(UploadConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public void verify(String timestampHeader, String signatureHeader, Path file, String secret) {
        if (timestampHeader == null || timestampHeader.isBlank()) {
            throw ApiException.unauthorized("Missing X-Timestamp header");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            throw ApiException.unauthorized("X-Timestamp must be UNIX seconds");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (skew > config.signatureWindow().toSeconds()) {
            throw ApiException.unauthorized("X-Timestamp is outside the allowed window of "
                    + config.signatureWindow().toSeconds() + " seconds");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw ApiException.unauthorized("Missing X-Signature header");
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(signatureHeader.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("X-Signature must be a hex HMAC-SHA256");
        }
        if (!MessageDigest.isEqual(sign(timestampHeader.trim(), file, secret), presented)) {
            throw ApiException.unauthorized("Invalid signature");
        }
    }

    /** HMAC-SHA256 over {@code timestamp + "." + file}, reading the file in chunks. */
    public static byte[] sign(String timestamp, Path file, String secret) {
        try (InputStream in = Files.newInputStream(file)) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                mac.update(buffer, 0, read);
            }
            return mac.doFinal();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute the request signature", e);
        }
    }
}
