package io.lecturevision.auth.service;

import io.lecturevision.auth.config.AuthConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void theProdProfileRefusesToStartWithoutASigningKey() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new SigningKeys(config(dir), Clock.systemUTC(), true));
        assertTrue(refused.getMessage().contains("LV_JWT_SIGNING_KEY_LOCATION"), refused.getMessage());
        assertTrue(refused.getMessage().contains("never used in prod"), refused.getMessage());
    }

    @Test
    void outsideProdADevKeyIsGeneratedOnceAndKept() {
        SigningKeys first = new SigningKeys(config(dir), Clock.systemUTC(), false);
        assertTrue(Files.exists(dir.resolve("signing-key.pem")));
        SigningKeys second = new SigningKeys(config(dir), Clock.systemUTC(), false);
        assertEquals(first.signingKeyId(), second.signingKeyId(), "a restart keeps the same key");
        assertEquals(1, ((List<?>) first.jwks().get("keys")).size());
    }

    private static AuthConfig config(Path devKeyDir) {
        AuthConfig.Jwt jwt = new AuthConfig.Jwt() {
            public String issuer() { return "https://auth.lecturevision.local"; }
            public String audience() { return "lecturevision"; }
            public Duration accessTokenTtl() { return Duration.ofMinutes(30); }
            public Duration refreshTokenTtl() { return Duration.ofDays(14); }
            public Optional<String> signingKeyLocation() { return Optional.empty(); }
            public Map<String, AuthConfig.RetiredKey> retiredKeys() { return Map.of(); }
            public String devKeyDir() { return devKeyDir.toString(); }
        };
        return new AuthConfig() {
            public Jwt jwt() { return jwt; }
            public BootstrapAdmin bootstrapAdmin() { throw new UnsupportedOperationException(); }
            public int bcryptCost() { return 4; }
            public Duration planExpiryInterval() { return Duration.ofMinutes(1); }
            public Duration planExpiryDelay() { return Duration.ofSeconds(10); }
            public Duration refreshTokenPurgeInterval() { return Duration.ofHours(1); }
        };
    }
}
