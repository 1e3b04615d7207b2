package io.lecturevision.common.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The seeds' liveness answer and welcome page; Kubernetes probes use {@code /q/health/*}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "service")
public class ServiceInfoResource {

    private final String name;
    private final String version;

    public ServiceInfoResource(@ConfigProperty(name = "quarkus.application.name") String name,
                               @ConfigProperty(name = "quarkus.application.version") String version) {
        this.name = name;
        this.version = version;
    }

    @GET
    @Path("health")
    @Operation(summary = "Liveness as the seeds report it")
    public ServiceInfo health() {
        return new ServiceInfo("ok", version);
    }

    @GET
    @Operation(summary = "Welcome")
    public Welcome welcome() {
        return new Welcome("Welcome to LectureVision " + name, name, version, "/docs");
    }
}
