package io.lecturevision.common.security;

/** The roles in the {@code groups} claim of auth-service's tokens. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String GUEST = "guest";
    /** Calls between services. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
