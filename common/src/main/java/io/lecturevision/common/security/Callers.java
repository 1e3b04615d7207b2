package io.lecturevision.common.security;

import io.lecturevision.common.error.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/** Who is calling: auth-service puts the user id in {@code sub} ({@code upn} is the e-mail). */
public final class Callers {

    public static final String CORPORATION_CLAIM = "corporation_id";

    private Callers() {
    }

    /** The authenticated caller, for the service's one authorization decision point. */
    public static Caller caller(SecurityIdentity identity) {
        String userId = userId(identity).orElseThrow(() -> new IllegalStateException("no authenticated caller"));
        return new Caller(userId, corporationId(identity).orElse(null), identity.hasRole(Roles.ADMIN),
                identity.hasRole(Roles.PLATFORM_ADMIN));
    }

    /**
     * The authenticated caller as a member of a corporation, for services whose every resource belongs to
     * one: 401 without a caller, 403 with {@code refusal} for an account of no corporation.
     */
    public static Caller member(SecurityIdentity identity, String refusal) {
        String userId = userId(identity).orElseThrow(() -> ApiException.unauthorized("Not authenticated"));
        UUID corporation = corporationId(identity).orElseThrow(() -> ApiException.forbidden(refusal));
        return new Caller(userId, corporation, identity.hasRole(Roles.ADMIN), identity.hasRole(Roles.PLATFORM_ADMIN));
    }

    public static Optional<String> userId(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return Optional.of(token.getSubject());
        }
        return Optional.ofNullable(identity.getPrincipal().getName());
    }

    /** The {@code corporation_id} claim auth-service puts in a member's token. */
    public static Optional<UUID> corporationId(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        Object claim = token.getClaim(CORPORATION_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
