package io.lecturevision.auth.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;

/**
 * {@code /docs} lists auth-service's own OpenAPI document at its edge address, {@code /openapi/auth.json} (the edge
 * publishes no {@code /q/} path and maps that address to {@code /q/openapi?format=json}). On auth-service's own port
 * the same address redirects there, so the page works in both places.
 */
@Path("/openapi/auth.json")
public class OpenApiDocumentResource {

    @GET
    @Operation(hidden = true)
    public Response document() {
        return Response.status(Response.Status.FOUND).location(URI.create("/q/openapi?format=json")).build();
    }
}
