package io.lecturevision.video;

import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.CorporationDeleted;
import io.lecturevision.common.testing.CloudEvents;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * auth-service's corporation.deleted, on the real topic: the corporation's videos are gone from lists and
 * streams, and a signed playback URL handed out before answers 404; another corporation's videos stay.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class CorporationDeletedTest {

    @Test
    void aDeletedCorporationsVideosAreHiddenAndAnotherCorporationsAreNot() throws Exception {
        Videos.Member deletedAdmin = Videos.member(UUID.randomUUID(), "admin");
        Videos.Member keptAdmin = Videos.member(UUID.randomUUID(), "admin");
        long gone = Videos.upload(deletedAdmin, Videos.mp4(4096, 31), "gone");
        long staying = Videos.upload(keptAdmin, Videos.mp4(4096, 32), "staying");
        String playback = deletedAdmin.client().when().get("/v1/videos/" + gone + "/playback").then().statusCode(200)
                .extract().path("url");
        given().urlEncodingEnabled(false).when().get(playback).then().statusCode(200);

        CloudEvents.publish("auth-service", Contracts.CORPORATION_DELETED, deletedAdmin.corporationId().toString(),
                new CorporationDeleted(deletedAdmin.corporationId()));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().urlEncodingEnabled(false).when().get(playback).then().statusCode(404));
        deletedAdmin.client().when().get("/v1/videos/" + gone).then().statusCode(404);
        keptAdmin.client().when().get("/v1/videos/" + staying).then().statusCode(200);
    }
}
