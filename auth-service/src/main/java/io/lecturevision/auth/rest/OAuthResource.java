package io.lecturevision.auth.rest;

import io.lecturevision.auth.rest.Dtos.RegisteredUser;
import io.lecturevision.auth.rest.Dtos.TokenResponse;
import io.lecturevision.auth.rest.Dtos.UsernameRegistration;
import io.lecturevision.auth.service.NewUser;
import io.lecturevision.auth.service.TokenService;
import io.lecturevision.auth.service.UserService;
import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.ratelimit.RateLimited;
import io.lecturevision.common.security.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Seed 002's routes: username registration and the OAuth2 password (and refresh) grant. */
@Path("/")
@Tag(name = "oauth2")
public class OAuthResource {

    static final String BAD_LOGIN = "Incorrect username or password";

    private final UserService users;
    private final TokenService tokens;

    public OAuthResource(UserService users, TokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @POST
    @Path("register")
    @RateLimited(name = "register", limit = 5)
    @Operation(summary = "Register with username (3–50 chars) and password (8–72 bytes UTF-8)")
    public RegisteredUser register(@Valid @NotNull UsernameRegistration body) {
        return RegisteredUser.of(users.create(new NewUser(null, body.username(), null, body.password(), Roles.GUEST, null)));
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(name = "login", limit = 10)
    @Operation(summary = "OAuth2 token endpoint: grant_type=password (username may be an e-mail) or refresh_token")
    public TokenResponse token(@FormParam("grant_type") @DefaultValue("password") String grantType,
                               @FormParam("username") @Size(max = 254) String username,
                               @FormParam("password") @Size(max = 200) String password,
                               @FormParam("refresh_token") @Size(max = 200) String refreshToken) {
        return switch (grantType) {
            case "password" -> {
                if (username == null || password == null) {
                    throw ApiException.badRequest("username and password are required for grant_type=password");
                }
                yield TokenResponse.of(tokens.issue(users.authenticate(username, password, false, BAD_LOGIN)));
            }
            case "refresh_token" -> {
                if (refreshToken == null) {
                    throw ApiException.badRequest("refresh_token is required for grant_type=refresh_token");
                }
                yield TokenResponse.of(tokens.refresh(refreshToken));
            }
            default -> throw ApiException.badRequest("Unsupported grant_type: use password or refresh_token");
        };
    }
}
