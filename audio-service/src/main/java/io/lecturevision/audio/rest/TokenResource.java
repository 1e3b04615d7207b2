package io.lecturevision.audio.rest;

import io.lecturevision.audio.rest.CatalogDtos.TokenRequest;
import io.lecturevision.audio.rest.CatalogDtos.TokenResponse;
import io.lecturevision.audio.service.Caller;
import io.lecturevision.audio.service.CatalogService;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Tokens of the caller's corporation: one script line for one actor. */
@Path("/tokens")
@Tag(name = "tokens")
@Authenticated
public class TokenResource {

    private final CatalogService catalog;
    private final SecurityIdentity identity;

    public TokenResource(CatalogService catalog, SecurityIdentity identity) {
        this.catalog = catalog;
        this.identity = identity;
    }

    @POST
    public Response create(@Valid @NotNull TokenRequest body) {
        return Response.status(201).entity(TokenResponse.of(catalog.createToken(Caller.of(identity), body.scriptId(),
                body.lineNumber(), body.actorId()))).build();
    }

    @GET
    public List<TokenResponse> list(@QueryParam("script_id") Long scriptId, @QueryParam("actor_id") Long actorId,
                                    @QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
                                    @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return catalog.tokens(Caller.of(identity), scriptId, actorId, skip, limit).stream().map(TokenResponse::of).toList();
    }

    @GET
    @Path("{token_id:\\d+}")
    public TokenResponse get(@PathParam("token_id") long id) {
        return TokenResponse.of(catalog.token(Caller.of(identity), id));
    }

    @PUT
    @Path("{token_id:\\d+}")
    public TokenResponse replace(@PathParam("token_id") long id, @Valid @NotNull TokenRequest body) {
        return TokenResponse.of(catalog.updateToken(Caller.of(identity), id, body.scriptId(), body.lineNumber(),
                body.actorId()));
    }

    @PATCH
    @Path("{token_id:\\d+}")
    public TokenResponse patch(@PathParam("token_id") long id, @Valid @NotNull TokenRequest body) {
        return replace(id, body);
    }

    @DELETE
    @Path("{token_id:\\d+}")
    public Response delete(@PathParam("token_id") long id) {
        catalog.deleteToken(Caller.of(identity), id);
        return Response.noContent().build();
    }
}
