package io.lecturevision.common.security.revocation;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses (401) an access token issued before its user's sessions were revoked, from
 * {@link RevokedSessions}' in-memory copy: no database or network call per request.
 */
@ApplicationScoped
@IfBuildProperty(name = RevokedSessions.ENABLED, stringValue = "true")
public class RevokedTokenCheck implements SecurityIdentityAugmentor {

    private final RevokedSessions revoked;

    public RevokedTokenCheck(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token
                && revoked.isRevoked(token.getSubject(), token.getIssuedAtTime())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Token was revoked"));
        }
        return Uni.createFrom().item(identity);
    }
}
