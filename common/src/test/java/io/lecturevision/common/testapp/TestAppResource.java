package io.lecturevision.common.testapp;

import io.lecturevision.common.ratelimit.RateLimited;
import io.lecturevision.common.security.Callers;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

@Path("/test")
public class TestAppResource {

    private final NoteService notes;
    private final SecurityIdentity identity;

    public TestAppResource(NoteService notes, SecurityIdentity identity) {
        this.notes = notes;
        this.identity = identity;
    }

    public record SignUp(@NotBlank @Email String email, @NotBlank @Size(min = 8, max = 128) String password) {
    }

    public record NoteRequest(@NotBlank @Size(max = 200) String text) {
    }

    @POST
    @Path("signup")
    public Map<String, String> signUp(@Valid SignUp body) {
        return Map.of("email", body.email());
    }

    @GET
    @Path("page")
    public Map<String, Integer> page(@QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        return Map.of("limit", limit);
    }

    @GET
    @Path("boom")
    public String boom() {
        throw new IllegalStateException("secret internal detail");
    }

    @GET
    @Path("secured")
    @RolesAllowed({"guest", "admin"})
    public Map<String, String> secured() {
        return Map.of("subject", Callers.userId(identity).orElseThrow());
    }

    @GET
    @Path("limited")
    @RateLimited(name = "test-limited", limit = 3, windowSeconds = 60)
    public String limited() {
        return "ok";
    }

    @POST
    @Path("notes")
    public Map<String, UUID> createNote(@Valid NoteRequest body, @QueryParam("fail") boolean fail) throws SQLException {
        return Map.of("id", notes.create(body.text(), fail));
    }
}
