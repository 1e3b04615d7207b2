package io.lecturevision.audio.rest;

import io.lecturevision.audio.rest.CatalogDtos.ScriptPatch;
import io.lecturevision.audio.rest.CatalogDtos.ScriptRequest;
import io.lecturevision.audio.rest.CatalogDtos.ScriptResponse;
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

/** Scripts of the caller's corporation: a title and ordered lines. */
@Path("/scripts")
@Tag(name = "scripts")
@Authenticated
public class ScriptResource {

    private final CatalogService catalog;
    private final SecurityIdentity identity;

    public ScriptResource(CatalogService catalog, SecurityIdentity identity) {
        this.catalog = catalog;
        this.identity = identity;
    }

    @POST
    public Response create(@Valid @NotNull ScriptRequest body) {
        return Response.status(201)
                .entity(ScriptResponse.of(catalog.createScript(Caller.of(identity), body.title(), body.lines()))).build();
    }

    @GET
    public List<ScriptResponse> list(@QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
                                     @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return catalog.scripts(Caller.of(identity), skip, limit).stream().map(ScriptResponse::of).toList();
    }

    @GET
    @Path("{script_id}")
    public ScriptResponse get(@PathParam("script_id") long id) {
        return ScriptResponse.of(catalog.script(Caller.of(identity), id));
    }

    @PUT
    @Path("{script_id}")
    public ScriptResponse replace(@PathParam("script_id") long id, @Valid @NotNull ScriptRequest body) {
        return ScriptResponse.of(catalog.updateScript(Caller.of(identity), id, body.title(), body.lines()));
    }

    @PATCH
    @Path("{script_id}")
    public ScriptResponse patch(@PathParam("script_id") long id, @Valid @NotNull ScriptPatch body) {
        return ScriptResponse.of(catalog.updateScript(Caller.of(identity), id, body.title(), body.lines()));
    }

    @DELETE
    @Path("{script_id}")
    public Response delete(@PathParam("script_id") long id) {
        catalog.deleteScript(Caller.of(identity), id);
        return Response.noContent().build();
    }
}
