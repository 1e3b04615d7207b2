package io.lecturevision.auth.rest;

import io.lecturevision.auth.User;
import io.lecturevision.auth.rest.Dtos.EmailLogin;
import io.lecturevision.auth.rest.Dtos.LogoutRequest;
import io.lecturevision.auth.rest.Dtos.Message;
import io.lecturevision.auth.rest.Dtos.RefreshRequest;
import io.lecturevision.auth.rest.Dtos.TokenResponse;
import io.lecturevision.auth.service.SessionRevocations;
import io.lecturevision.auth.service.TokenService;
import io.lecturevision.auth.service.UserService;
import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.event.contract.UserSessionsRevoked.Reason;
import io.lecturevision.common.ratelimit.RateLimited;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Seed 001's authentication routes: access + refresh tokens. */
@Path("/v1/auth")
@Tag(name = "auth")
public class V1AuthResource {

    private final UserService users;
    private final TokenService tokens;
    private final SessionRevocations sessions;
    private final SecurityIdentity identity;

    public V1AuthResource(UserService users, TokenService tokens, SessionRevocations sessions, SecurityIdentity identity) {
        this.users = users;
        this.tokens = tokens;
        this.sessions = sessions;
        this.identity = identity;
    }

    @POST
    @Path("login")
    @RateLimited(name = "login", limit = 10)
    @Operation(summary = "Log in with e-mail and password: access and refresh token")
    public TokenResponse login(@Valid @NotNull EmailLogin body) {
        return TokenResponse.of(tokens.issue(users.authenticate(body.email(), body.password(), true,
                AuthResource.BAD_EMAIL_LOGIN)));
    }

    @POST
    @Path("refresh")
    @RateLimited(name = "login", limit = 10)
    @Operation(summary = "Exchange a refresh token for a new pair; the presented token is retired")
    public TokenResponse refresh(@Valid @NotNull RefreshRequest body) {
        return TokenResponse.of(tokens.refresh(body.refreshToken()));
    }

    @POST
    @Path("logout")
    @Operation(summary = "Revoke the given refresh token's family, or with only a bearer token every session of the user")
    public Message logout(@Valid LogoutRequest body) {
        if (body != null && body.refreshToken() != null) {
            tokens.revoke(body.refreshToken());
            return new Message("Logged out");
        }
        if (identity.isAnonymous()) {
            throw ApiException.unauthorized("Send a refresh_token or a bearer token");
        }
        User caller = users.caller(identity);
        sessions.revoke(caller.id, Reason.LOGGED_OUT_EVERYWHERE);
        return new Message("Logged out everywhere");
    }
}
