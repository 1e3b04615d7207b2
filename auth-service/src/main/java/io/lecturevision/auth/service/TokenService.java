package io.lecturevision.auth.service;

import io.lecturevision.auth.RefreshToken;
import io.lecturevision.auth.User;
import io.lecturevision.auth.config.AuthConfig;
import io.lecturevision.common.error.ApiException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * Access tokens (RS256 JWT) and refresh tokens (random, stored hashed, rotated on every use; a
 * retired token presented again revokes its whole family, since someone else may hold it).
 */
@ApplicationScoped
public class TokenService {

    public static final String CORPORATION_CLAIM = "corporation_id";
    /** The refresh-token family (one login's session) the access token was issued in. */
    public static final String SESSION_CLAIM = "sid";
    private static final Logger LOG = Logger.getLogger(TokenService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKeys keys;
    private final AuthConfig config;

    public TokenService(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** A new login: a fresh refresh-token family. */
    @Transactional
    public IssuedTokens issue(User user) {
        return issue(user, UUID.randomUUID());
    }

    /** Rotates {@code presented}: returns a new pair, or refuses (and revokes the family on reuse). */
    @Transactional(dontRollbackOn = ApiException.class)
    public IssuedTokens refresh(String presented) {
        RefreshToken token = lockByValue(presented);
        Instant now = Instant.now();
        if (token == null) {
            throw ApiException.unauthorized("Invalid refresh token");
        }
        if (token.revokedAt != null || token.usedAt != null) {
            revokeFamily(token.familyId, now);
            LOG.warnf("Refresh token of family %s presented again after use: family revoked (user %s)", token.familyId,
                    token.userId);
            throw ApiException.unauthorized("Refresh token reuse detected; please log in again");
        }
        if (!token.expiresAt.isAfter(now)) {
            throw ApiException.unauthorized("Refresh token expired");
        }
        User user = User.findById(token.userId);
        if (user == null || !user.active) {
            revokeFamily(token.familyId, now);
            throw ApiException.unauthorized("User not found or inactive");
        }
        token.usedAt = now;
        return issue(user, token.familyId);
    }

    /** Logout: the presented token's family can no longer refresh. Unknown tokens are ignored. */
    @Transactional
    public void revoke(String presented) {
        RefreshToken token = lockByValue(presented);
        if (token != null) {
            revokeFamily(token.familyId, Instant.now());
        }
    }

    @Scheduled(every = "${lv.auth.refresh-token-purge-interval:1h}", identity = "refresh-token-purge")
    void purgeOnSchedule() {
        purgeExpired();
    }

    /** Deletes refresh tokens that expired more than a day ago. */
    @Transactional
    public long purgeExpired() {
        long deleted = RefreshToken.delete("expiresAt < ?1", Instant.now().minus(1, ChronoUnit.DAYS));
        if (deleted > 0) {
            LOG.infof("Purged %d expired refresh tokens", deleted);
        }
        return deleted;
    }

    private String accessToken(User user, UUID session) {
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.issuer(config.jwt().issuer())
                .audience(config.jwt().audience())
                .subject(user.id.toString())
                .upn(user.email != null ? user.email : user.username)
                .preferredUserName(user.username)
                .groups(Set.of(user.role))
                .claim("jti", UUID.randomUUID().toString())
                .claim(SESSION_CLAIM, session.toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.jwt().accessTokenTtl()));
        if (user.name != null) {
            claims.claim("name", user.name);
        }
        if (user.corporationId != null) {
            claims.claim(CORPORATION_CLAIM, user.corporationId.toString());
        }
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(keys.signingKeyId()).sign(keys.signingKey());
    }

    private IssuedTokens issue(User user, UUID familyId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.userId = user.id;
        token.familyId = familyId;
        token.tokenHash = sha256(refresh);
        token.createdAt = Instant.now();
        token.expiresAt = token.createdAt.plus(config.jwt().refreshTokenTtl());
        token.persist();
        return new IssuedTokens(accessToken(user, familyId), refresh, config.jwt().accessTokenTtl().toSeconds());
    }

    private static RefreshToken lockByValue(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            return null;
        }
        return RefreshToken.<RefreshToken>find("tokenHash", sha256(presented))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    private static void revokeFamily(UUID familyId, Instant now) {
        RefreshToken.update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, familyId);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
