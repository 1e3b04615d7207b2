package io.lecturevision.vision;

import io.lecturevision.common.testing.LargeBodyProbe;
import io.lecturevision.common.testing.TestJwt;
import io.lecturevision.common.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A caller who may not send photos (no token, an expired one) announces a 60 MB multipart body: it is answered
 * 401 although less than 1 MB of the body was ever sent (LargeBodyProbe), so the service decided before reading
 * the body; the body bytes sent before the answer are printed.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class LargeBodyRefusedTest {

    private static final long ANNOUNCED = 60L * 1024 * 1024;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"/upscale, none, 401", "/upscale, expired, 401", "/bestcut, none, 401", "/bestcut, expired, 401"})
    void aCallerWhoMayNotSendIsAnsweredBeforeTheBodyIsRead(String path, String who, int status) throws Exception {
        String boundary = "b" + UUID.randomUUID();
        byte[] start = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + (path.equals("/upscale") ? "file" : "files")
                + "\"; filename=\"big.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        LargeBodyProbe.Answer answer = LargeBodyProbe.send(RestAssured.port, "POST", path, authorization(who)
                + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n", start, ANNOUNCED);
        assertEquals(status, answer.status(), answer.head());
        System.out.printf("%s as %s: %d after %d body bytes%n", path, who, answer.status(), answer.bodyBytesSent());
    }

    private static String authorization(String who) {
        if (who.equals("none")) {
            return "";
        }
        Path keys = Path.of(ConfigProvider.getConfig().getValue("lv.test.jwt-key-dir", String.class));
        Instant issued = Instant.now().minusSeconds(3600);
        String token = TestJwt.sign(TestJwt.claims(UUID.randomUUID().toString(), "guest").issuedAt(issued)
                .expiresAt(issued.plusSeconds(600)), keys);
        return "Authorization: Bearer " + token + "\r\n";
    }
}
