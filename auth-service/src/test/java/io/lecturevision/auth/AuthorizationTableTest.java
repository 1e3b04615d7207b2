package io.lecturevision.auth;

import io.lecturevision.common.testing.AuthorizationTable;
import io.lecturevision.common.testing.AuthorizationTable.Caller;
import io.lecturevision.common.testing.AuthorizationTable.Callers;
import io.lecturevision.common.testing.AuthorizationTable.Role;
import io.lecturevision.common.testing.AuthorizationTable.Row;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.lecturevision.common.testing.AuthorizationTable.row;
import static io.lecturevision.common.testing.AuthorizationTable.rowByCaller;

/**
 * README "Authorization table", auth-service: its user and corporation routes × role, with real users logged in
 * through the API. The deactivated and the deleted user logged in first and were then deactivated / deleted by
 * the platform admin: their access tokens stop working at once here (each request loads the caller). A user
 * row acts on a fresh member of the table's corporation, so its member is a peer (404: members see only
 * themselves).
 */
@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class AuthorizationTableTest {

    //                                    PA  CA  M   OA  OM  deact del none
    private static final String ANYONE = "ok  ok  ok  ok  ok  401  401 401";
    private static final String PEER = "ok  ok  404 404 404 401  401 401";
    private static final String PLATFORM = "ok  403 403 403 403 401  401 401";
    private static final String CORPORATION = "ok  ok  ok  404 404 401  401 401";
    private static final String MANAGE_CORPORATION = "ok  403 403 404 404 401  401 401";

    private static Callers callers;
    private static String platformToken;

    static Stream<Arguments> table() {
        return AuthorizationTable.cases(List.of(
                row("GET /api/v1/auth/me", ANYONE, (as, c) -> as.when().get("/api/v1/auth/me")),
                row("POST /v1/users", "ok  ok  403 ok  403 401  401 401", (as, c) -> json(as)
                        .body(Map.of("email", Api.uniqueEmail("new"), "password", "password123")).when().post("/v1/users")),
                row("GET /v1/users", ANYONE, (as, c) -> as.when().get("/v1/users")),
                row("GET /v1/users/{peer}", PEER, (as, c) -> as.when().get("/v1/users/" + peer(c))),
                row("PUT /v1/users/{peer}", PEER, (as, c) -> json(as).body(Map.of("name", "Renamed"))
                        .when().put("/v1/users/" + peer(c))),
                row("PATCH /api/v1/users/{peer}", PEER, (as, c) -> json(as).body(Map.of("name", "Renamed"))
                        .when().patch("/api/v1/users/" + peer(c))),
                row("DELETE /v1/users/{peer}", PEER, (as, c) -> as.when().delete("/v1/users/" + peer(c))),
                row("POST /v1/corporations", PLATFORM, (as, c) -> json(as).body(Map.of("name", "Corp " + UUID.randomUUID(),
                        "plan_type", "FREE")).when().post("/v1/corporations")),
                row("GET /v1/corporations", PLATFORM, (as, c) -> as.when().get("/v1/corporations")),
                row("GET /v1/corporations/{own}", CORPORATION, (as, c) -> as.when().get("/v1/corporations/" + c.corporation())),
                row("PUT /v1/corporations/{own}", MANAGE_CORPORATION, (as, c) -> json(as).body(Map.of("name", "Corp A"))
                        .when().put("/v1/corporations/" + c.corporation())),
                // the platform admin deletes a corporation of its own making, so the table's stays
                rowByCaller("DELETE /v1/corporations/{own}", MANAGE_CORPORATION, (as, c) -> as.client().when()
                        .delete("/v1/corporations/" + (as.role() == Role.PLATFORM_ADMIN ? corporation() : c.corporation())))));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("table")
    void answersAsTheTableSays(Row row, Role role) throws Exception {
        AuthorizationTable.check(row, role, callers());
    }

    private static synchronized Callers callers() {
        if (callers != null) {
            return callers;
        }
        String platform = platform();
        UUID corporation = UUID.fromString(corporation());
        UUID other = UUID.fromString(corporation());
        Map<Role, Caller> byRole = new EnumMap<>(Role.class);
        byRole.put(Role.PLATFORM_ADMIN, new Caller(Role.PLATFORM_ADMIN, null, null, platform));
        byRole.put(Role.CORPORATION_ADMIN, user(Role.CORPORATION_ADMIN, "admin", corporation));
        byRole.put(Role.MEMBER, user(Role.MEMBER, "guest", corporation));
        byRole.put(Role.OTHER_CORPORATION_ADMIN, user(Role.OTHER_CORPORATION_ADMIN, "admin", other));
        byRole.put(Role.OTHER_CORPORATION_MEMBER, user(Role.OTHER_CORPORATION_MEMBER, "guest", other));
        Caller deactivated = user(Role.DEACTIVATED, "guest", corporation);
        json(Api.as(platform)).body(Map.of("is_active", false)).when().put("/v1/users/" + deactivated.userId())
                .then().statusCode(200);
        byRole.put(Role.DEACTIVATED, deactivated);
        Caller deleted = user(Role.DELETED, "admin", corporation);
        Api.as(platform).when().delete("/v1/users/" + deleted.userId()).then().statusCode(204);
        byRole.put(Role.DELETED, deleted);
        callers = Callers.of(corporation, other, byRole);
        return callers;
    }

    /** The bootstrap platform admin's token, logged in once. */
    private static synchronized String platform() {
        if (platformToken == null) {
            platformToken = Api.adminToken();
        }
        return platformToken;
    }

    /** A user created by the platform admin, logged in. */
    private static Caller user(Role role, String group, UUID corporation) {
        String email = Api.uniqueEmail(role.name().toLowerCase());
        String id = json(Api.as(platform())).body(Map.of("email", email, "password", "password123", "role", group,
                "corporation_id", corporation.toString())).when().post("/v1/users").then().statusCode(201).extract().path("id");
        return new Caller(role, id, corporation, Api.accessToken(email, "password123"));
    }

    private static String corporation() {
        return json(Api.as(platform())).body(Map.of("name", "Corp " + UUID.randomUUID(), "plan_type", "FREE")).when()
                .post("/v1/corporations").then().statusCode(201).extract().path("id");
    }

    /** A fresh member of the table's corporation. */
    private static String peer(Callers c) {
        return json(Api.as(platform())).body(Map.of("email", Api.uniqueEmail("peer"), "password", "password123",
                "corporation_id", c.corporation().toString())).when().post("/v1/users").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification json(RequestSpecification request) {
        return request.contentType(ContentType.JSON);
    }
}
