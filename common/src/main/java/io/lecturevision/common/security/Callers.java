package io.lecturevision.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/** Who is calling: auth-service puts the user id in {@code sub} ({@code upn} is the e-mail). */
public final class Callers {

    private Callers() {
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
}
