package io.lecturevision.common.testapp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.Map;
import java.util.UUID;

/** One parameter of each kind and type, to check how malformed ones are reported. */
@Path("/test/parameters")
public class ParametersResource {

    public enum Colour { RED, GREEN }

    @GET
    @Path("{item_id}/{seq}")
    public Map<String, Object> read(@PathParam("item_id") UUID itemId, @PathParam("seq") long seq,
                                    @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit,
                                    @RestQuery Colour colour, @QueryParam("ratio") Double ratio,
                                    @HeaderParam("X-Page") Integer page, @HeaderParam("X-Label") @Size(max = 5) String label) {
        return Map.of("item_id", itemId, "seq", seq, "limit", limit);
    }

    @POST
    @Path("form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Map<String, Object> form(@FormParam("count") int count, @FormParam("name") @Size(min = 3) String name) {
        return Map.of("count", count);
    }
}
