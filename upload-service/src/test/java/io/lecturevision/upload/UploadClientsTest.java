package io.lecturevision.upload;

import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Per-camera secrets: created and rotated by admins, shown once, checked on each upload. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class UploadClientsTest {

    private static final byte[] PHOTO = Uploads.jpeg(64, 48, 11);

    @Test
    void aClientSignsWithItsOwnSecretUntilItIsRotated() {
        String admin = Uploads.adminToken(Uploads.newUser());
        var created = Uploads.client(admin).contentType(ContentType.JSON).body(Map.of("name", "Room 101 camera"))
                .when().post("/upload-clients").then().statusCode(201)
                .body("secret", matchesPattern("[0-9a-f]{64}")).extract();
        String clientId = created.path("id");
        String secret = created.path("secret");
        Uploads.client(admin).when().get("/upload-clients").then().statusCode(200)
                .body("id", hasItem(clientId)).body("[0]", not(hasItem("secret")))
                .body("find { it.id == '" + clientId + "' }.secret", equalTo(null));

        String camera = Uploads.token(Uploads.newUser());
        upload(camera, clientId, secret).then().statusCode(200);
        upload(camera, clientId, Uploads.SECRET).then().statusCode(401).body("detail", equalTo("Invalid signature"));

        String rotated = Uploads.client(admin).when().post("/upload-clients/" + clientId + "/rotate").then().statusCode(200)
                .extract().path("secret");
        assertNotEquals(secret, rotated);
        upload(camera, clientId, secret).then().statusCode(401);
        upload(camera, clientId, rotated).then().statusCode(200);

        Uploads.client(admin).when().delete("/upload-clients/" + clientId).then().statusCode(204);
        upload(camera, clientId, rotated).then().statusCode(401).body("detail", equalTo("Unknown or inactive upload client"));
    }

    @Test
    void onlyAdminsManageClients() {
        Uploads.client(Uploads.token(Uploads.newUser())).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .when().post("/upload-clients").then().statusCode(403);
    }

    private static io.restassured.response.Response upload(String token, String clientId, String secret) {
        String timestamp = Uploads.now();
        return Uploads.client(token).header("X-Client-Id", clientId).header("X-Timestamp", timestamp)
                .header("X-Signature", Uploads.sign(timestamp, PHOTO, secret)).header("Idempotency-Key", "c-" + UUID.randomUUID())
                .multiPart("file", "cam.jpg", PHOTO, "image/jpeg").multiPart("people_count", "2")
                .when().post("/upload");
    }
}
