package io.lecturevision.common.security;

/** The roles in the {@code groups} claim of auth-service's tokens. */
public final class Roles {

    public static final String ADMIN = "admin";
    /**
     * Platform administration: every corporation. Its own role, never inferred from a missing
     * corporation, so an admin whose corporation is deleted cannot become one.
     */
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String GUEST = "guest";
    /** Calls between services. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
