package io.lecturevision.upload;

import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.CorporationDeleted;
import io.lecturevision.common.testing.CloudEvents;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** auth-service's corporation.deleted, on the real topic: the corporation's cameras stop; another's keep working. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class CorporationDeletedTest {

    private static final byte[] PHOTO = Uploads.jpeg(64, 48, 12);

    @Test
    void aDeletedCorporationsUploadClientsAreRefusedAndAnotherCorporationsAreNot() throws Exception {
        UUID deleted = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        Map<String, String> gone = createClient(deleted);
        Map<String, String> staying = createClient(kept);
        String camera = TestJwtKeys.token(Uploads.newUser(), "guest", deleted);
        String otherCamera = TestJwtKeys.token(Uploads.newUser(), "guest", kept);
        upload(camera, gone).then().statusCode(200);

        CloudEvents.publish("auth-service", Contracts.CORPORATION_DELETED, deleted.toString(), new CorporationDeleted(deleted));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> upload(camera, gone).then().statusCode(401)
                .body("detail", equalTo("Unknown or inactive upload client")));
        upload(otherCamera, staying).then().statusCode(200);
    }

    private static Map<String, String> createClient(UUID corporation) {
        String admin = TestJwtKeys.token(Uploads.newUser(), "admin", corporation);
        var created = Uploads.client(admin).contentType(ContentType.JSON).body(Map.of("name", "Hall camera"))
                .when().post("/upload-clients").then().statusCode(201).extract();
        return Map.of("id", created.path("id"), "secret", created.path("secret"));
    }

    private static io.restassured.response.Response upload(String token, Map<String, String> client) {
        String timestamp = Uploads.now();
        return Uploads.client(token).header("X-Client-Id", client.get("id")).header("X-Timestamp", timestamp)
                .header("X-Signature", Uploads.sign(timestamp, PHOTO, client.get("secret")))
                .header("Idempotency-Key", "d-" + UUID.randomUUID())
                .multiPart("file", "cam.jpg", PHOTO, "image/jpeg").multiPart("people_count", "2")
                .when().post("/upload");
    }
}
