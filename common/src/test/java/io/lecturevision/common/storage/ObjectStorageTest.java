package io.lecturevision.common.storage;

import io.lecturevision.common.testing.ProxiedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.RandomAccessFile;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    /**
     * A reader that stops early (a player seeking away) must not make the service read the rest of
     * the object: the bytes this JVM read from sockets and files (/proc/self/io) stay far below the
     * object's size, where the HTTP client's close would have read all of it to keep its connection.
     */
    @Test
    void closingEarlyDoesNotReadTheRestOfTheObject() throws Exception {
        Path io = Path.of("/proc/self/io");
        assumeTrue(Files.isReadable(io), "needs Linux's /proc/self/io");
        int size = 64 * 1024 * 1024;
        String key = "tests/" + UUID.randomUUID() + ".bin";
        Path file = Files.createTempFile("storage-test", ".bin");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(size);
        }
        storage.put(key, "application/octet-stream", file);
        Files.delete(file);
        try {
            long before = bytesRead(io);
            try (InputStream whole = storage.get(key, null)) {
                assertEquals(1024, whole.readNBytes(1024).length);
            }
            long read = bytesRead(io) - before;
            assertTrue(read < size / 4, "read " + read + " bytes of a " + size + "-byte object to close it");

            try (InputStream range = storage.get(key, new ByteRange(size - 10, size - 1))) {
                assertEquals(10, range.readAllBytes().length);
            }
        } finally {
            storage.delete(key);
        }
    }

    private static long bytesRead(Path io) throws Exception {
        return Files.readAllLines(io).stream().filter(line -> line.startsWith("rchar:"))
                .mapToLong(line -> Long.parseLong(line.substring("rchar:".length()).trim())).findFirst().orElseThrow();
    }
}
