package io.lecturevision.common.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * FastAPI's {@code /redoc}: ReDoc over this service's OpenAPI document, with the ReDoc bundle served
 * by the service itself (META-INF/resources/redoc-assets), so it works without a CDN. The document is
 * loaded from {@link OpenApiDocumentResource}'s address, which works on the service's port and at the edge.
 */
@Path("/redoc")
public class RedocResource {

    private static final String PAGE = "META-INF/resources/redoc-assets/redoc.html";

    private final String page;

    public RedocResource(@ConfigProperty(name = "quarkus.application.name") String service) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE + " is missing from the classpath");
            }
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{spec-url}}", "/openapi/" + OpenApiDocumentResource.documentName(service) + ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String page() {
        return page;
    }
}
