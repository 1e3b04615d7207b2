package io.lecturevision.upload;

import io.lecturevision.common.testing.AuthorizationTable;
import io.lecturevision.common.testing.AuthorizationTable.Callers;
import io.lecturevision.common.testing.AuthorizationTable.Role;
import io.lecturevision.common.testing.AuthorizationTable.Row;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.lecturevision.common.testing.AuthorizationTable.row;

/**
 * README "Authorization table", upload-service: every route × role. An upload belongs to its sender (the table's
 * member) and its corporation; an upload client to its corporation. Outside the corporation: 404 on every method.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class AuthorizationTableTest {

    //                                       PA  CA  M   OA  OM  deact del none
    private static final String ANYONE = "ok  ok  ok  ok  ok  401  401 401";
    private static final String UPLOAD = "ok  ok  ok  404 404 401  401 401";
    private static final String ADMINS = "ok  ok  403 ok  403 401  401 401";
    private static final String CLIENT = "ok  ok  403 404 404 401  401 401";

    private static Callers callers;

    static Stream<Arguments> table() {
        return AuthorizationTable.cases(List.of(
                row("POST /upload", ANYONE, (as, c) -> signed(as, Uploads.jpeg(20, 10, 1)).when().post("/upload")),
                row("GET /uploads", ANYONE, (as, c) -> as.when().get("/uploads")),
                row("GET /uploads/{id}", UPLOAD, (as, c) -> as.when().get("/uploads/" + upload(c))),
                row("GET /uploads/{id}/image", UPLOAD, (as, c) -> as.when().get("/uploads/" + upload(c) + "/image")),
                row("POST /upload-clients", ADMINS, (as, c) -> as.contentType("application/json").body(Map.of("name", "cam"))
                        .when().post("/upload-clients")),
                row("GET /upload-clients", ADMINS, (as, c) -> as.when().get("/upload-clients")),
                row("POST /upload-clients/{id}/rotate", CLIENT, (as, c) -> as.when().post("/upload-clients/" + client(c) + "/rotate")),
                row("DELETE /upload-clients/{id}", CLIENT, (as, c) -> as.when().delete("/upload-clients/" + client(c)))));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("table")
    void answersAsTheTableSays(Row row, Role role) throws Exception {
        AuthorizationTable.check(row, role, callers());
    }

    private static synchronized Callers callers() throws Exception {
        if (callers == null) {
            callers = Callers.create().revokeStaleUsers("/uploads");
        }
        return callers;
    }

    /** A signed seed-000 upload (v2, seed 000's shared secret) with a new Idempotency-Key. */
    private static RequestSpecification signed(RequestSpecification as, byte[] file) {
        String key = "t-" + UUID.randomUUID();
        String timestamp = Uploads.now();
        return as.header("X-Timestamp", timestamp).header("Idempotency-Key", key)
                .header("X-Signature", Uploads.signV2(timestamp, key, null, "1", file, Uploads.SECRET))
                .multiPart("file", "a.jpg", file, "image/jpeg").multiPart("people_count", "1");
    }

    /** A fresh upload of the table's member. */
    private static long upload(Callers c) {
        return ((Number) signed(c.get(Role.MEMBER).client(), Uploads.jpeg(20, 10, System.nanoTime())).when().post("/upload")
                .then().statusCode(200).extract().path("id")).longValue();
    }

    /** A fresh upload client of the table's corporation. */
    private static String client(Callers c) {
        return c.get(Role.CORPORATION_ADMIN).client().contentType("application/json").body(Map.of("name", "room"))
                .when().post("/upload-clients").then().statusCode(201).extract().path("id");
    }
}
