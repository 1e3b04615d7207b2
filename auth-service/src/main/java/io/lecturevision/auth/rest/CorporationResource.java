package io.lecturevision.auth.rest;

import io.lecturevision.auth.PlanType;
import io.lecturevision.auth.User;
import io.lecturevision.auth.rest.Dtos.CorporationRequest;
import io.lecturevision.auth.rest.Dtos.CorporationResponse;
import io.lecturevision.auth.rest.Dtos.CorporationUpdateRequest;
import io.lecturevision.auth.service.CorporationChanges;
import io.lecturevision.auth.service.CorporationService;
import io.lecturevision.auth.service.UserService;
import io.lecturevision.common.error.ApiException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Seed 001's corporations: platform admins manage them; members may read their own. */
@Path("/v1/corporations")
@Tag(name = "corporations")
@Authenticated
public class CorporationResource {

    private final CorporationService corporations;
    private final UserService users;
    private final SecurityIdentity identity;

    public CorporationResource(CorporationService corporations, UserService users, SecurityIdentity identity) {
        this.corporations = corporations;
        this.users = users;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create a corporation (platform admin)")
    public Response create(@Valid @NotNull CorporationRequest body) {
        requirePlatformAdmin();
        return Response.status(201).entity(CorporationResponse.of(
                corporations.create(body.name(), body.planType(), body.planExpiredAt()))).build();
    }

    @GET
    @Operation(summary = "List corporations (platform admin)")
    public List<CorporationResponse> list(@QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
                                          @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        requirePlatformAdmin();
        return corporations.list(skip, limit).stream().map(CorporationResponse::of).toList();
    }

    @GET
    @Path("{corporation_id}")
    @Operation(summary = "One corporation (platform admin, or a member of it)")
    public CorporationResponse get(@PathParam("corporation_id") UUID id) {
        return CorporationResponse.of(corporations.get(users.caller(identity), id));
    }

    @PUT
    @Path("{corporation_id}")
    @Operation(summary = "Change name or plan (platform admin); a plan change emits corporation.plan-changed")
    public CorporationResponse update(@PathParam("corporation_id") UUID id, @Valid @NotNull CorporationUpdateRequest body) {
        requirePlatformAdminOf(id);
        boolean clearExpiry = body.planType() == PlanType.FREE && body.planExpiredAt() == null;
        return CorporationResponse.of(corporations.update(id, new CorporationChanges(Optional.ofNullable(body.name()),
                Optional.ofNullable(body.planType()), Optional.ofNullable(body.planExpiredAt()), clearExpiry)));
    }

    @PATCH
    @Path("{corporation_id}")
    public CorporationResponse patch(@PathParam("corporation_id") UUID id, @Valid @NotNull CorporationUpdateRequest body) {
        return update(id, body);
    }

    @DELETE
    @Path("{corporation_id}")
    @Operation(summary = "Delete a corporation (platform admin); its users are deactivated and their sessions revoked")
    public Response delete(@PathParam("corporation_id") UUID id) {
        requirePlatformAdminOf(id);
        corporations.delete(id);
        return Response.noContent().build();
    }

    /** 404 for a corporation the caller cannot see (as for one that does not exist), then 403 unless a platform admin. */
    private void requirePlatformAdminOf(UUID id) {
        corporations.get(users.caller(identity), id);
        requirePlatformAdmin();
    }

    private void requirePlatformAdmin() {
        User caller = users.caller(identity);
        if (!UserService.isPlatformAdmin(caller)) {
            throw ApiException.forbidden("Only a platform admin can manage corporations");
        }
    }
}
