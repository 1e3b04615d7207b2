package io.lecturevision.auth.service;

import java.util.UUID;

/** What creating a user needs; email or username may be null (a username is derived when missing). */
public record NewUser(String email, String username, String name, String password, String role, UUID corporationId) {
}
