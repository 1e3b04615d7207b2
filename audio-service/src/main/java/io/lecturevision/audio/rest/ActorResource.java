package io.lecturevision.audio.rest;

import io.lecturevision.audio.rest.CatalogDtos.ActorRequest;
import io.lecturevision.audio.rest.CatalogDtos.ActorResponse;
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

/** Actors of the caller's corporation. */
@Path("/actors")
@Tag(name = "actors")
@Authenticated
public class ActorResource {

    private final CatalogService catalog;
    private final SecurityIdentity identity;

    public ActorResource(CatalogService catalog, SecurityIdentity identity) {
        this.catalog = catalog;
        this.identity = identity;
    }

    @POST
    public Response create(@Valid @NotNull ActorRequest body) {
        return Response.status(201).entity(ActorResponse.of(catalog.createActor(Caller.of(identity), body.name()))).build();
    }

    @GET
    public List<ActorResponse> list(@QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
                                    @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return catalog.actors(Caller.of(identity), skip, limit).stream().map(ActorResponse::of).toList();
    }

    @GET
    @Path("{actor_id}")
    public ActorResponse get(@PathParam("actor_id") long id) {
        return ActorResponse.of(catalog.actor(Caller.of(identity), id));
    }

    @PUT
    @Path("{actor_id}")
    public ActorResponse replace(@PathParam("actor_id") long id, @Valid @NotNull ActorRequest body) {
        return ActorResponse.of(catalog.renameActor(Caller.of(identity), id, body.name()));
    }

    @PATCH
    @Path("{actor_id}")
    public ActorResponse patch(@PathParam("actor_id") long id, @Valid @NotNull ActorRequest body) {
        return replace(id, body);
    }

    @DELETE
    @Path("{actor_id}")
    public Response delete(@PathParam("actor_id") long id) {
        catalog.deleteActor(Caller.of(identity), id);
        return Response.noContent().build();
    }
}
