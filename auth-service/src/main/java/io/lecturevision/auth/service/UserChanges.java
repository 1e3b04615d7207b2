package io.lecturevision.auth.service;

import java.util.Optional;
import java.util.UUID;

/** A partial update of a user; absent fields stay as they are. */
public record UserChanges(Optional<String> email, Optional<String> username, Optional<String> name,
                          Optional<String> password, Optional<String> role, Optional<UUID> corporationId,
                          Optional<Boolean> active) {
}
