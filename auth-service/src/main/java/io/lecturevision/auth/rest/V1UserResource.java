package io.lecturevision.auth.rest;

import io.lecturevision.auth.service.UserService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/users")
@Tag(name = "users")
public class V1UserResource extends UserEndpoints {

    public V1UserResource(UserService users, SecurityIdentity identity) {
        super(users, identity);
    }
}
