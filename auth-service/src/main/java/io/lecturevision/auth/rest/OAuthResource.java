package io.lecturevision.auth.rest;

import io.lecturevision.auth.rest.Dtos.RegisteredUser;
import io.lecturevision.auth.rest.Dtos.TokenResponse;
import io.lecturevision.auth.rest.Dtos.UsernameRegistration;
import io.lecturevision.auth.service.NewUser;
import io.lecturevision.auth.service.TokenService;
import io.lecturevision.auth.service.UserService;
import io.lecturevision.common.error.RequestValidationException;
import io.lecturevision.common.error.ValidationError;
import io.lecturevision.common.ratelimit.RateLimited;
import io.lecturevision.common.security.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/** Seed 002's routes: username registration and the OAuth2 password (and refresh) grant. */
@Path("/")
@Tag(name = "oauth2")
public class OAuthResource {

    static final String BAD_LOGIN = "Incorrect username or password";
    private static final String PASSWORD_GRANT = "password";
    private static final String REFRESH_GRANT = "refresh_token";
    private static final String GRANT_PATTERN = "^(password|refresh_token)$";

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
    @Operation(summary = "OAuth2 token endpoint, as FastAPI's OAuth2PasswordRequestForm: grant_type empty or "
            + "password (username may be an e-mail), or refresh_token; scope, client_id and client_secret are accepted and ignored")
    public TokenResponse token(@FormParam("grant_type") @Size(max = 50) String grantType,
                               @FormParam("username") @Size(max = 254) String username,
                               @FormParam("password") @Size(max = 200) String password,
                               @FormParam("scope") @Size(max = 1000) String scope,
                               @FormParam("client_id") @Size(max = 200) String clientId,
                               @FormParam("client_secret") @Size(max = 200) String clientSecret,
                               @FormParam("refresh_token") @Size(max = 200) String refreshToken) {
        // FastAPI reads an empty form field as absent, so "grant_type=" is the password grant.
        String grant = blankToNull(grantType);
        if (grant == null || grant.equals(PASSWORD_GRANT)) {
            requireFields(username, "username", password, "password");
            return TokenResponse.of(tokens.issue(users.authenticate(username, password, false, BAD_LOGIN)));
        }
        if (grant.equals(REFRESH_GRANT)) {
            requireFields(refreshToken, "refresh_token");
            return TokenResponse.of(tokens.refresh(refreshToken));
        }
        throw new RequestValidationException(List.of(new ValidationError(List.of("body", "grant_type"),
                "String should match pattern '" + GRANT_PATTERN + "'", "string_pattern_mismatch")));
    }

    /** FastAPI lists every missing field at once: {@code ["body", name]}, "Field required". */
    private static void requireFields(String... valuesAndNames) {
        List<ValidationError> missing = new ArrayList<>();
        for (int i = 0; i < valuesAndNames.length; i += 2) {
            if (blankToNull(valuesAndNames[i]) == null) {
                missing.add(new ValidationError(List.of("body", valuesAndNames[i + 1]), "Field required", "missing"));
            }
        }
        if (!missing.isEmpty()) {
            throw new RequestValidationException(missing);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
