package io.lecturevision.upload;

import io.lecturevision.common.security.Roles;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 9 #2: uploads and upload clients belong to a corporation. Outside it the answer is 404 on
 * every method, the same as for an id that does not exist; platform administration is its own role.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadAccessTest {

    private final UUID corporationA = UUID.randomUUID();
    private final UUID corporationB = UUID.randomUUID();
    private final String owner = "owner-" + UUID.randomUUID();
    private Map<String, String> tokens;
    private long upload;

    /** Once per class, but from {@code @BeforeEach}: RestAssured knows the test port only once Quarkus runs. */
    @BeforeEach
    void anUploadOfAMemberOfCorporationA() {
        if (tokens != null) {
            return;
        }
        tokens = Map.of(
                "owner", TestJwtKeys.token(owner, Roles.GUEST, corporationA),
                "peer", TestJwtKeys.token("peer-" + UUID.randomUUID(), Roles.GUEST, corporationA),
                "adminA", TestJwtKeys.token("admin-a-" + UUID.randomUUID(), Roles.ADMIN, corporationA),
                "adminB", TestJwtKeys.token("admin-b-" + UUID.randomUUID(), Roles.ADMIN, corporationB),
                "memberB", TestJwtKeys.token("member-b-" + UUID.randomUUID(), Roles.GUEST, corporationB),
                "adminOfNone", TestJwtKeys.token("admin-none-" + UUID.randomUUID(), Roles.ADMIN),
                "platform", TestJwtKeys.token("platform-" + UUID.randomUUID(), Roles.PLATFORM_ADMIN));
        upload = ((Number) Uploads.signed(tokens.get("owner"), Uploads.jpeg(30, 20, 7), "a.jpg", "image/jpeg", "2",
                "k-" + UUID.randomUUID()).when().post("/upload").then().statusCode(200).extract().path("id")).longValue();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "owner, 200", "adminA, 200", "platform, 200",
            "peer, 404", "adminB, 404", "memberB, 404", "adminOfNone, 404"})
    void anUploadIsVisibleToItsOwnerItsCorporationsAdminAndPlatformAdminsOnly(String caller, int status) {
        String token = tokens.get(caller);
        Uploads.client(token).when().get("/uploads/" + upload).then().statusCode(status);
        Uploads.client(token).when().get("/uploads/" + upload + "/image").then().statusCode(status);
        Uploads.client(token).when().get("/uploads/" + (upload + 1_000_000)).then().statusCode(404);
        List<Integer> listed = Uploads.client(token).queryParam("limit", 1000).when().get("/uploads").then()
                .statusCode(200).extract().path("id");
        assertEquals(status == 200, listed.contains((int) upload), caller + " lists " + listed);
    }

    @Test
    void uploadClientsAreManagedAndUsedInsideTheirCorporationOnly() {
        String adminA = tokens.get("adminA");
        var created = Uploads.client(adminA).contentType("application/json").body(Map.of("name", "room 101"))
                .when().post("/upload-clients").then().statusCode(201).extract();
        String client = created.path("id");
        String secret = created.path("secret");

        for (String outsider : List.of("adminB", "adminOfNone")) {
            List<String> seen = Uploads.client(tokens.get(outsider)).when().get("/upload-clients").then().statusCode(200)
                    .extract().path("id");
            assertEquals(false, seen.contains(client), outsider + " sees " + seen);
            Uploads.client(tokens.get(outsider)).when().post("/upload-clients/" + client + "/rotate").then().statusCode(404);
            Uploads.client(tokens.get(outsider)).when().delete("/upload-clients/" + client).then().statusCode(404);
        }
        List<String> seenByPlatform = Uploads.client(tokens.get("platform")).when().get("/upload-clients").then()
                .statusCode(200).extract().path("id");
        assertEquals(true, seenByPlatform.contains(client));
        Uploads.client(tokens.get("owner")).when().get("/upload-clients").then().statusCode(403);

        // Another corporation's member cannot sign with this camera's secret; a member of A can.
        byte[] photo = Uploads.jpeg(16, 16, 11);
        for (Map.Entry<String, Integer> sender : Map.of("memberB", 401, "owner", 200).entrySet()) {
            String ts = Uploads.now();
            String key = "c-" + UUID.randomUUID();
            Uploads.client(tokens.get(sender.getKey())).header("X-Timestamp", ts).header("X-Client-Id", client)
                    .header("X-Signature", Uploads.signV2(ts, key, client, "1", photo, secret)).header("Idempotency-Key", key)
                    .multiPart("file", "c.jpg", photo, "image/jpeg").multiPart("people_count", "1")
                    .when().post("/upload").then().statusCode(sender.getValue());
        }
        Uploads.client(adminA).when().post("/upload-clients/" + client + "/rotate").then().statusCode(200);
        Uploads.client(adminA).when().delete("/upload-clients/" + client).then().statusCode(204);
    }
}
