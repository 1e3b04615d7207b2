package io.lecturevision.upload.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lecturevision.common.security.Callers;
import io.lecturevision.common.security.Roles;
import io.lecturevision.upload.UploadClient;
import io.lecturevision.upload.service.UploadClientService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Admins register cameras; each gets its own signing secret, shown once. */
@Path("/upload-clients")
@Tag(name = "upload clients")
@Authenticated
public class UploadClientResource {

    private final UploadClientService clients;
    private final SecurityIdentity identity;

    public UploadClientResource(UploadClientService clients, SecurityIdentity identity) {
        this.clients = clients;
        this.identity = identity;
    }

    public record NewClient(@NotBlank @Size(max = 100) String name) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ClientView(UUID id, String name, boolean active, Instant createdAt, Instant rotatedAt) {
        static ClientView of(UploadClient client) {
            return new ClientView(client.id, client.name, client.active, client.createdAt, client.rotatedAt);
        }
    }

    /** The only answer that carries the secret. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ClientSecret(UUID id, String name, String secret) {
        static ClientSecret of(UploadClientService.IssuedSecret issued) {
            return new ClientSecret(issued.client().id, issued.client().name, issued.secret());
        }
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PLATFORM_ADMIN})
    @Operation(summary = "Create an upload client; the response shows its secret once")
    public Response create(@Valid @NotNull NewClient body) {
        return Response.status(201).entity(ClientSecret.of(clients.create(body.name(),
                Callers.caller(identity)))).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLATFORM_ADMIN})
    public List<ClientView> list() {
        return clients.list(Callers.caller(identity)).stream().map(ClientView::of).toList();
    }

    @POST
    @Path("{id}/rotate")
    @Operation(summary = "Replace the client's secret; the old one stops working at once (404 outside its corporation, "
            + "403 for its members who are not admins)")
    public ClientSecret rotate(@PathParam("id") UUID id) {
        return ClientSecret.of(clients.rotate(id, Callers.caller(identity)));
    }

    @DELETE
    @Path("{id}")
    public Response deactivate(@PathParam("id") UUID id) {
        clients.deactivate(id, Callers.caller(identity));
        return Response.noContent().build();
    }
}
