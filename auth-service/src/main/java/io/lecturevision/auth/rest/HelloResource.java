package io.lecturevision.auth.rest;

import io.lecturevision.auth.rest.Dtos.Message;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Seed 003's smoke endpoints. */
@Path("/api/v1/hello")
@Tag(name = "hello")
public class HelloResource {

    @GET
    public Message hello() {
        return new Message("Hello World");
    }

    @GET
    @Path("{name}")
    public Message helloName(@PathParam("name") @Size(max = 100) String name) {
        return new Message("Hello " + name);
    }
}
