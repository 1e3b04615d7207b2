package io.lecturevision.auth.rest;

import io.lecturevision.auth.User;
import io.lecturevision.auth.rest.Dtos.UserCreateRequest;
import io.lecturevision.auth.rest.Dtos.UserResponse;
import io.lecturevision.auth.rest.Dtos.UserUpdateRequest;
import io.lecturevision.auth.service.NewUser;
import io.lecturevision.auth.service.TokenService;
import io.lecturevision.auth.service.UserChanges;
import io.lecturevision.auth.service.UserService;
import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.security.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Users CRUD, served under both {@code /api/v1/users} (seed 003) and {@code /v1/users} (seed 001).
 * Update and delete only by the user itself or an admin (403 otherwise).
 */
@Authenticated
public abstract class UserEndpoints {

    private final UserService users;
    private final SecurityIdentity identity;

    protected UserEndpoints(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create a user (admins; an admin of a corporation creates users in it; only a platform admin creates platform admins)")
    public Response create(@Valid @NotNull UserCreateRequest body) {
        User caller = users.caller(identity);
        boolean platformAdmin = UserService.isPlatformAdmin(caller);
        if (!platformAdmin && !UserService.isCorporationAdmin(caller)) {
            throw ApiException.forbidden("Only an admin can create users");
        }
        UUID corporationId = body.corporationId();
        if (!platformAdmin) {
            if (corporationId != null && !corporationId.equals(caller.corporationId)) {
                throw ApiException.forbidden("An admin of a corporation creates users only in it");
            }
            if (Roles.PLATFORM_ADMIN.equals(body.role())) {
                throw ApiException.forbidden("Only a platform admin can create platform admins");
            }
            corporationId = caller.corporationId;
        }
        User created = users.create(new NewUser(body.email(), body.username(), body.name(), body.password(),
                body.role() == null ? Roles.GUEST : body.role(), corporationId));
        return Response.status(201).entity(UserResponse.of(created)).build();
    }

    @GET
    @Operation(summary = "Users the caller may see: all (platform admin), the corporation's (its admin), itself (others)")
    public List<UserResponse> list(@QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
                                   @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return users.list(users.caller(identity), skip, limit).stream().map(UserResponse::of).toList();
    }

    @GET
    @Path("{user_id}")
    public UserResponse get(@PathParam("user_id") UUID id) {
        return UserResponse.of(users.get(users.caller(identity), id));
    }

    @PUT
    @Path("{user_id}")
    @Operation(summary = "Update a user: the user itself or an admin. A password, role, corporation or active-state "
            + "change revokes the user's sessions (a user changing its own password keeps the session it used)")
    public UserResponse update(@PathParam("user_id") UUID id, @Valid @NotNull UserUpdateRequest body) {
        return UserResponse.of(users.update(users.caller(identity), session(), id, changes(body)));
    }

    @PATCH
    @Path("{user_id}")
    @Operation(summary = "Same as PUT: only the fields sent change")
    public UserResponse patch(@PathParam("user_id") UUID id, @Valid @NotNull UserUpdateRequest body) {
        return update(id, body);
    }

    @DELETE
    @Path("{user_id}")
    @Operation(summary = "Delete a user: the user itself or an admin")
    public Response delete(@PathParam("user_id") UUID id) {
        users.delete(users.caller(identity), id);
        return Response.noContent().build();
    }

    /** The refresh-token family the caller's access token belongs to. */
    private UUID session() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim(TokenService.SESSION_CLAIM) != null) {
            try {
                return UUID.fromString(token.getClaim(TokenService.SESSION_CLAIM).toString().replace("\"", ""));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static UserChanges changes(UserUpdateRequest body) {
        return new UserChanges(Optional.ofNullable(body.email()), Optional.ofNullable(body.username()),
                Optional.ofNullable(body.name()), Optional.ofNullable(body.password()), Optional.ofNullable(body.role()),
                Optional.ofNullable(body.corporationId()), Optional.ofNullable(body.isActive()));
    }
}
