package io.lecturevision.vision;

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

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.lecturevision.common.testing.AuthorizationTable.row;
import static org.awaitility.Awaitility.await;

/**
 * README "Authorization table", vision-service: every route × role. A photo belongs to the user who sent it
 * (and that user's corporation): anyone else, admins and platform admins included, gets 404 for it.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class AuthorizationTableTest {

    //                                    PA  CA  M   OA  OM  deact del none
    private static final String ANYONE = "ok  ok  ok  ok  ok  401  401 401";
    private static final String OWNER = "404 404 ok  404 404 401  401 401";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static Callers callers;
    private static String photo;

    static Stream<Arguments> table() {
        return AuthorizationTable.cases(List.of(
                row("POST /upscale", ANYONE, (as, c) -> as.multiPart("file", "a.png", png(1), "image/png").when().post("/upscale")),
                row("POST /bestcut", ANYONE, (as, c) -> as.multiPart("files", "a.png", png(2), "image/png")
                        .multiPart("files", "b.png", png(3), "image/png").when().post("/bestcut")),
                row("GET /photos", ANYONE, (as, c) -> as.when().get("/photos")),
                row("GET /photos/{id}?type=original", OWNER, (as, c) -> as.when().get("/photos/" + photo(c) + "?type=original")),
                row("GET /photos/{id}", OWNER, (as, c) -> as.when().get("/photos/" + photo(c))),
                row("GET /photos/{id}/events", OWNER, (as, c) -> as.when().get("/photos/" + photo(c) + "/events")),
                row("DELETE /photos/{id}", OWNER, (as, c) -> as.when().delete("/photos/" + photo(c)))));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("table")
    void answersAsTheTableSays(Row row, Role role) throws Exception {
        AuthorizationTable.check(row, role, callers());
        // the owner's DELETE removed the shared photo: the next row that needs one sends another
        if (row.route().startsWith("DELETE") && role == Role.MEMBER) {
            photo = null;
        }
    }

    private static synchronized Callers callers() throws Exception {
        if (callers == null) {
            callers = Callers.create().revokeStaleUsers("/photos");
        }
        return callers;
    }

    /** A photo of the table's member, upscaled (so every read has something to show and its events end). */
    private static synchronized String photo(Callers c) {
        if (photo == null) {
            RequestSpecification owner = c.get(Role.MEMBER).client();
            String id = owner.multiPart("file", "room.png", png(4), "image/png").when().post("/upscale").then()
                    .statusCode(200).extract().path("id");
            await().atMost(WAIT).until(() -> "completed".equals(c.get(Role.MEMBER).client().when().get("/photos").then()
                    .extract().path("find { it.id == '" + id + "' }.status")));
            photo = id;
        }
        return photo;
    }

    private static byte[] png(long seed) {
        return Photos.encode(Photos.noise(32, 24, seed), "png");
    }
}
