package io.lecturevision.upload;

import io.lecturevision.common.testing.LargeBodyProbe;
import io.lecturevision.common.testing.TestJwt;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A caller who may not upload (no token, an expired one) announces a 10 MB multipart upload (the most the
 * service takes; larger bodies are refused from Content-Length): it is answered 401 although less than 1 MB of
 * the body was ever sent (LargeBodyProbe), so the service decided before reading the body. The body bytes sent
 * before the answer are printed.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class LargeBodyRefusedTest {

    private static final long ANNOUNCED = 10L * 1024 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {"none", "expired"})
    void aCallerWhoMayNotUploadIsAnsweredBeforeTheBodyIsRead(String who) throws Exception {
        String boundary = "b" + UUID.randomUUID();
        byte[] start = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        String headers = authorization(who) + "X-Timestamp: " + Uploads.now() + "\r\nX-Signature: 00\r\n"
                + "Idempotency-Key: big-" + UUID.randomUUID() + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\n";

        LargeBodyProbe.Answer answer = LargeBodyProbe.send(RestAssured.port, "POST", "/upload", headers, start, ANNOUNCED);

        assertEquals(401, answer.status(), answer.head());
        System.out.printf("/upload as %s: %d after %d body bytes%n", who, answer.status(), answer.bodyBytesSent());
    }

    private static String authorization(String who) {
        if (who.equals("none")) {
            return "";
        }
        Path keys = Path.of(ConfigProvider.getConfig().getValue("lv.test.jwt-key-dir", String.class));
        Instant issued = Instant.now().minusSeconds(3600);
        return "Authorization: Bearer " + TestJwt.sign(TestJwt.claims(UUID.randomUUID().toString(), "guest")
                .issuedAt(issued).expiresAt(issued.plusSeconds(600)), keys) + "\r\n";
    }
}
