package io.lecturevision.common.rest;

import io.lecturevision.common.error.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;

/**
 * The service's OpenAPI document at its edge address, {@code /openapi/<service>.json} (e.g.
 * {@code /openapi/upload.json}): the edge publishes no {@code /q/} path and maps that address to
 * {@code /q/openapi?format=json}; on the service's own port the same address redirects there. So the
 * pages that load it ({@code /redoc}, {@code /docs}) work in both places.
 */
@Path("/openapi/{document}.json")
public class OpenApiDocumentResource {

    private final String document;

    public OpenApiDocumentResource(@ConfigProperty(name = "quarkus.application.name") String service) {
        this.document = documentName(service);
    }

    /** {@code upload-service} → {@code upload}. */
    public static String documentName(String service) {
        return service.endsWith("-service") ? service.substring(0, service.length() - "-service".length()) : service;
    }

    @GET
    @Operation(hidden = true)
    public Response document(@PathParam("document") String requested) {
        if (!document.equals(requested)) {
            throw ApiException.notFound("Not Found");
        }
        return Response.status(Response.Status.FOUND).location(URI.create("/q/openapi?format=json")).build();
    }
}
