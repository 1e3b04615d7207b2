package io.lecturevision.common.storage;

import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 wrapper against the real S3Proxy store. */
@QuarkusTest
@QuarkusTestResource(ProxiedInfrastructure.class)
class ObjectStorageTest {

    @Inject
    ObjectStorage storage;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void putHeadRangePresignAndDelete() throws Exception {
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + 7);
        }
        String key = "tests/" + UUID.randomUUID() + ".bin";
        Path file = Files.createTempFile("storage-test", ".bin");
        Files.write(file, content);
        storage.put(key, "application/octet-stream", file);

        StoredObject head = storage.head(key).orElseThrow();
        assertEquals(content.length, head.size());
        assertEquals("application/octet-stream", head.contentType());
        assertEquals("s3://lv-common-test/" + key, storage.location(key));

        try (InputStream range = storage.get(key, new ByteRange(1000, 1999))) {
            assertArrayEquals(Arrays.copyOfRange(content, 1000, 2000), range.readAllBytes());
        }
        try (InputStream whole = storage.get(key, null)) {
            assertArrayEquals(content, whole.readAllBytes());
        }

        URI presigned = storage.presignGet(key);
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(presigned).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(content, fetched.body());

        String tampered = presigned.toString().replaceFirst("X-Amz-Signature=([0-9a-f])",
                "X-Amz-Signature=" + (presigned.toString().contains("X-Amz-Signature=0") ? "1" : "0"));
        HttpResponse<byte[]> refused = http.send(HttpRequest.newBuilder(URI.create(tampered)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, refused.statusCode());

        storage.delete(key);
        assertTrue(storage.head(key).isEmpty());
    }
}
