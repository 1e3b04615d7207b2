package io.lecturevision.auth.rest;

import io.lecturevision.auth.service.UserService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users")
@Tag(name = "users")
public class UserResource extends UserEndpoints {

    public UserResource(UserService users, SecurityIdentity identity) {
        super(users, identity);
    }
}
