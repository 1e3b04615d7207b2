package io.lecturevision.auth.rest;

import io.lecturevision.auth.rest.Dtos.EmailLogin;
import io.lecturevision.auth.rest.Dtos.EmailRegistration;
import io.lecturevision.auth.rest.Dtos.TokenResponse;
import io.lecturevision.auth.rest.Dtos.UserResponse;
import io.lecturevision.auth.service.NewUser;
import io.lecturevision.auth.service.TokenService;
import io.lecturevision.auth.service.UserService;
import io.lecturevision.common.ratelimit.RateLimited;
import io.lecturevision.common.security.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Seed 003's authentication routes. */
@Path("/api/v1/auth")
@Tag(name = "auth")
public class AuthResource {

    static final String BAD_EMAIL_LOGIN = "Incorrect email or password";

    private final UserService users;
    private final TokenService tokens;
    private final SecurityIdentity identity;

    public AuthResource(UserService users, TokenService tokens, SecurityIdentity identity) {
        this.users = users;
        this.tokens = tokens;
        this.identity = identity;
    }

    @POST
    @Path("register")
    @RateLimited(name = "register", limit = 5)
    @Operation(summary = "Register with e-mail, password (8–72 bytes UTF-8) and name")
    public UserResponse register(@Valid @NotNull EmailRegistration body) {
        return UserResponse.of(users.create(new NewUser(body.email(), null, body.name(), body.password(), Roles.GUEST, null)));
    }

    @POST
    @Path("login")
    @RateLimited(name = "login", limit = 10)
    @Operation(summary = "Log in with e-mail and password")
    public TokenResponse login(@Valid @NotNull EmailLogin body) {
        return TokenResponse.of(tokens.issue(users.authenticate(body.email(), body.password(), true, BAD_EMAIL_LOGIN)));
    }

    @GET
    @Path("me")
    @Authenticated
    @Operation(summary = "The current user")
    public UserResponse me() {
        return UserResponse.of(users.caller(identity));
    }
}
