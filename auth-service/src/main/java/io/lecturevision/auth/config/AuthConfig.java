package io.lecturevision.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "lv.auth")
public interface AuthConfig {

    Jwt jwt();

    BootstrapAdmin bootstrapAdmin();

    /** bcrypt cost factor (2^cost rounds); 12 takes ~0.25 s on one core of the reference machine. */
    @WithDefault("12")
    int bcryptCost();

    /** How often expired PAID plans are turned into FREE (read by the scheduler). */
    @WithDefault("1m")
    Duration planExpiryInterval();

    /** Delay after start before the first plan-expiry run. */
    @WithDefault("10s")
    Duration planExpiryDelay();

    /** How often long-expired refresh tokens are deleted. */
    @WithDefault("1h")
    Duration refreshTokenPurgeInterval();

    interface Jwt {

        String issuer();

        String audience();

        @WithDefault("30m")
        Duration accessTokenTtl();

        @WithDefault("14d")
        Duration refreshTokenTtl();

        /** PKCS#8 PEM file of the active RS256 signing key. Required in the prod profile. */
        Optional<String> signingKeyLocation();

        /**
         * Keys that signed tokens before the active one. Each stays in the JWKS until
         * {@code retired-at + access-token-ttl}, so tokens it signed keep working until they expire.
         */
        Map<String, RetiredKey> retiredKeys();

        /** Where a dev key pair is generated and kept when no signing key is configured (not in prod). */
        String devKeyDir();
    }

    interface RetiredKey {

        /** PEM file of the retired key's public half. */
        String publicKeyLocation();

        Instant retiredAt();
    }

    interface BootstrapAdmin {

        /** The first admin, created at start when no user has this e-mail. */
        Optional<String> email();

        Optional<String> password();

        @WithDefault("admin")
        String username();
    }
}
