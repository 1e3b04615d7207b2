package io.lecturevision.common.testing;

import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.UserSessionsRevoked;
import io.lecturevision.common.security.Roles;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.provider.Arguments;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's authorization table as test data: each service lists its routes as {@link Row}s (route, one
 * {@link Outcome} per {@link Role}, and how to call it on a fresh resource) and a parameterised test checks
 * every route × role with {@link #check}. The resources belong to {@link Callers#corporation()}; their owner
 * is its {@link Role#MEMBER} unless a row creates them otherwise.
 */
public final class AuthorizationTable {

    private AuthorizationTable() {
    }

    /** Who calls. Outside auth-service, deactivated and deleted users are tokens made stale by user.sessions-revoked. */
    public enum Role {
        PLATFORM_ADMIN, CORPORATION_ADMIN, MEMBER, OTHER_CORPORATION_ADMIN, OTHER_CORPORATION_MEMBER,
        DEACTIVATED, DELETED, NO_TOKEN
    }

    /**
     * What a route answers a role: allowed (2xx), or refused as 404, 403 or 401; 422 where a request names
     * another corporation's resource in its body (the same answer as for an id that does not exist).
     */
    public enum Outcome {
        ALLOWED("ok"), NOT_FOUND("404"), FORBIDDEN("403"), UNAUTHORIZED("401"), UNKNOWN_REFERENCE("422");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        public boolean accepts(int status) {
            return this == ALLOWED ? status >= 200 && status < 300 : Integer.toString(status).equals(code);
        }

        static Outcome of(String code) {
            return Arrays.stream(values()).filter(outcome -> outcome.code.equals(code)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("outcome " + code + ": ok, 404, 403, 401 or 422"));
        }

        @Override
        public String toString() {
            return code;
        }
    }

    /** One caller of the table; {@code token} is null for {@link Role#NO_TOKEN}. */
    public record Caller(Role role, String userId, UUID corporationId, String token) {
        public RequestSpecification client() {
            return token == null ? given() : given().auth().oauth2(token);
        }
    }

    /** Calls a route as {@code as} (a request with the caller's token), creating what it needs with {@code callers}. */
    @FunctionalInterface
    public interface Action {
        Response perform(RequestSpecification as, Callers callers) throws Exception;
    }

    /** An {@link Action} that depends on who calls (e.g. which resource a destructive call may be given). */
    @FunctionalInterface
    public interface CallerAction {
        Response perform(Caller as, Callers callers) throws Exception;
    }

    public record Row(String route, Map<Role, Outcome> expected, CallerAction action) {
        @Override
        public String toString() {
            return route;
        }
    }

    /**
     * A row; {@code outcomes} lists one of ok/404/403/401/422 per role, in {@link Role}'s order (platform admin,
     * corporation admin, member, other corporation's admin, other corporation's member, deactivated, deleted,
     * no token).
     */
    public static Row row(String route, String outcomes, Action action) {
        return rowByCaller(route, outcomes, (as, callers) -> action.perform(as.client(), callers));
    }

    /** A row whose call depends on the caller (see {@link #row}). */
    public static Row rowByCaller(String route, String outcomes, CallerAction action) {
        String[] codes = outcomes.trim().split("\\s+");
        Role[] roles = Role.values();
        if (codes.length != roles.length) {
            throw new IllegalArgumentException(route + ": " + roles.length + " outcomes needed, got " + codes.length);
        }
        Map<Role, Outcome> expected = new EnumMap<>(Role.class);
        for (int i = 0; i < roles.length; i++) {
            expected.put(roles[i], Outcome.of(codes[i]));
        }
        return new Row(route, expected, action);
    }

    /** Every route × role, for {@code @MethodSource}. */
    public static Stream<Arguments> cases(List<Row> rows) {
        return rows.stream().flatMap(row -> Arrays.stream(Role.values()).map(role -> Arguments.of(row, role)));
    }

    /** Performs {@code row} as {@code role} and asserts the table's outcome. */
    public static void check(Row row, Role role, Callers callers) throws Exception {
        Response response = row.action().perform(callers.get(role), callers);
        Outcome expected = row.expected().get(role);
        assertTrue(expected.accepts(response.statusCode()), () -> row.route() + " as " + role + ": expected " + expected
                + ", got " + response.statusCode() + " " + response.asString());
    }

    /**
     * One caller per role, with tokens signed by {@link TestJwtKeys}. {@link #revokeStaleUsers} makes the
     * deactivated and deleted users' tokens stale the way auth-service does: user.sessions-revoked on the real topic.
     */
    public static final class Callers {

        private static final Duration ARRIVAL = Duration.ofSeconds(90);

        private final UUID corporation;
        private final UUID otherCorporation;
        private final Map<Role, Caller> byRole = new EnumMap<>(Role.class);

        private Callers() {
            corporation = UUID.randomUUID();
            otherCorporation = UUID.randomUUID();
            Instant now = Instant.now();
            Instant beforeRevocation = now.minusSeconds(120);
            add(Role.PLATFORM_ADMIN, Roles.PLATFORM_ADMIN, null, now);
            add(Role.CORPORATION_ADMIN, Roles.ADMIN, corporation, now);
            add(Role.MEMBER, Roles.GUEST, corporation, now);
            add(Role.OTHER_CORPORATION_ADMIN, Roles.ADMIN, otherCorporation, now);
            add(Role.OTHER_CORPORATION_MEMBER, Roles.GUEST, otherCorporation, now);
            add(Role.DEACTIVATED, Roles.GUEST, corporation, beforeRevocation);
            add(Role.DELETED, Roles.ADMIN, corporation, beforeRevocation);
            byRole.put(Role.NO_TOKEN, new Caller(Role.NO_TOKEN, null, null, null));
        }

        public static Callers create() {
            return new Callers();
        }

        /** Callers made elsewhere (auth-service's real users): one per role but {@link Role#NO_TOKEN}. */
        public static Callers of(UUID corporation, UUID otherCorporation, Map<Role, Caller> callers) {
            return new Callers(corporation, otherCorporation, callers);
        }

        private Callers(UUID corporation, UUID otherCorporation, Map<Role, Caller> callers) {
            this.corporation = corporation;
            this.otherCorporation = otherCorporation;
            byRole.putAll(callers);
            byRole.put(Role.NO_TOKEN, new Caller(Role.NO_TOKEN, null, null, null));
        }

        private void add(Role role, String group, UUID corporationId, Instant issuedAt) {
            String user = UUID.randomUUID().toString();
            var claims = TestJwt.claims(user, group).issuedAt(issuedAt).expiresAt(issuedAt.plusSeconds(1800));
            if (corporationId != null) {
                claims.claim("corporation_id", corporationId.toString());
            }
            byRole.put(role, new Caller(role, user, corporationId, TestJwt.sign(claims, keyDir())));
        }

        public Caller get(Role role) {
            return byRole.get(role);
        }

        /** The corporation that holds the table's resources. */
        public UUID corporation() {
            return corporation;
        }

        public UUID otherCorporation() {
            return otherCorporation;
        }

        /**
         * Publishes user.sessions-revoked for the deactivated and the deleted user (notBefore after their tokens'
         * iat) and waits until {@code probePath} (a GET their tokens could use before) answers them 401.
         */
        public Callers revokeStaleUsers(String probePath) throws Exception {
            Instant notBefore = Instant.now().minusSeconds(60);
            for (Role role : List.of(Role.DEACTIVATED, Role.DELETED)) {
                Caller stale = get(role);
                stale.client().when().get(probePath).then().statusCode(200);
                publish(new UserSessionsRevoked(UUID.fromString(stale.userId()), notBefore, role == Role.DELETED
                        ? UserSessionsRevoked.Reason.DELETED : UserSessionsRevoked.Reason.DEACTIVATED));
            }
            for (Role role : List.of(Role.DEACTIVATED, Role.DELETED)) {
                await().atMost(ARRIVAL).untilAsserted(() ->
                        get(role).client().when().get(probePath).then().statusCode(401));
            }
            return this;
        }

        /** What auth-service publishes when a user's sessions end. */
        public static void publish(UserSessionsRevoked revoked) throws Exception {
            CloudEvents.publish("auth-service", Contracts.USER_SESSIONS_REVOKED, revoked.userId().toString(), revoked);
        }

        private static Path keyDir() {
            return Path.of(ConfigProvider.getConfig().getValue("lv.test.jwt-key-dir", String.class));
        }
    }
}
