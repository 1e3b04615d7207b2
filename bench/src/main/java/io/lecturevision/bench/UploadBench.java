package io.lecturevision.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Signed uploads of a ~100 KB JPEG through upload-service at a fixed concurrency for a fixed time,
 * against plain S3 PUTs of the same file to the same store in the same run. Prints throughput,
 * p50/p99 latency and the ratios. A benchmark, not a test: run bench/upload-bench.sh.
 */
public final class UploadBench {

    /** The first exception a request ended with (status -1), to say what failed. */
    private static final java.util.concurrent.atomic.AtomicReference<String> FIRST_FAILURE =
            new java.util.concurrent.atomic.AtomicReference<>();

    public static void main(String[] args) throws Exception {
        String upload = env("LV_BENCH_UPLOAD_URL", "http://127.0.0.1:8082");
        String auth = env("LV_BENCH_AUTH_URL", "http://127.0.0.1:8081");
        String s3 = env("LV_BENCH_S3_URL", "http://127.0.0.1:" + env("LV_S3_PORT", "19000"));
        int concurrency = Integer.parseInt(env("LV_BENCH_CONCURRENCY", "8"));
        Duration duration = Duration.ofSeconds(Long.parseLong(env("LV_BENCH_SECONDS", "15")));
        String secret = env("LV_UPLOAD_HMAC_SECRET", "dev-only-hmac-secret");

        byte[] photo = jpeg(560, 420, 42);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String token = login(http, auth, env("LV_ADMIN_EMAIL", "admin@lecturevision.local"),
                env("LV_ADMIN_PASSWORD", "admin-dev-password"));
        S3Client s3Client = S3Client.builder().endpointOverride(URI.create(s3)).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        env("LV_S3_ACCESS_KEY", "lv-dev-access"), env("LV_S3_SECRET_KEY", "lv-dev-secret"))))
                .build();
        String bucket = env("LV_BENCH_BUCKET", "lv-uploads");

        System.out.printf(Locale.ROOT, "file: %d bytes JPEG, concurrency %d, %d s per phase%n", photo.length, concurrency,
                duration.toSeconds());
        // Warm both paths so JIT and connection pools are not what is measured.
        run("warm-up", concurrency, Duration.ofSeconds(3), () -> uploadOnce(http, upload, token, secret, photo));
        run("warm-up", concurrency, Duration.ofSeconds(3), () -> putOnce(s3Client, bucket, photo));

        Result service = run("upload-service POST /upload", concurrency, duration,
                () -> uploadOnce(http, upload, token, secret, photo));
        Result direct = run("S3 PUT (same store)", concurrency, duration, () -> putOnce(s3Client, bucket, photo));

        System.out.println();
        System.out.println(service);
        System.out.println(direct);
        System.out.printf(Locale.ROOT, "ratio service/S3: throughput %.2f, p50 %.2f, p99 %.2f%n",
                service.throughput() / direct.throughput(), service.p50() / direct.p50(), service.p99() / direct.p99());
        if (service.statuses().keySet().stream().anyMatch(status -> status != 200)) {
            System.out.println("note: non-200 answers " + service.statuses()
                    + " (429: start the suite with LV_RATE_LIMITS_UPLOAD_LIMIT=100000 to lift seed 000's 5/s limit)");
        }
        if (FIRST_FAILURE.get() != null) {
            System.out.println("first failure (-1): " + FIRST_FAILURE.get());
        }
        removeBarePuts(s3Client, bucket);
        s3Client.close();
    }

    static int uploadOnce(HttpClient http, String base, String token, String secret, byte[] photo) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String key = UUID.randomUUID().toString();
        String boundary = "----lvbench" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(photo.length + 512);
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"people_count\"\r\n\r\n3\r\n");
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n");
        body.writeBytes(photo);
        write(body, "\r\n--" + boundary + "--\r\n");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/upload"))
                .header("Authorization", "Bearer " + token)
                .header("X-Timestamp", timestamp)
                .header("X-Signature", signV2(timestamp, key, "3", photo, secret))
                .header("Idempotency-Key", key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            FIRST_FAILURE.compareAndSet(null, e.toString());
            return -1;
        }
    }

    /** Where the bare-PUT baseline writes, so that its objects can be removed after the step. */
    static final String BARE_PUT_PREFIX = "bench/";

    /**
     * Deletes every bare-PUT object: the baseline writes about a thousand a second, 4 GB in one
     * bench/run-all, and a disk filled up with them once.
     */
    static void removeBarePuts(S3Client s3, String bucket) {
        int removed = 0;
        for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(BARE_PUT_PREFIX))) {
            List<ObjectIdentifier> keys = page.contents().stream()
                    .map(object -> ObjectIdentifier.builder().key(object.key()).build()).toList();
            if (!keys.isEmpty()) {
                DeleteObjectsResponse deleted = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
                if (!deleted.errors().isEmpty()) {
                    throw new IllegalStateException("could not delete bare-PUT objects: " + deleted.errors().get(0));
                }
                removed += keys.size();
            }
        }
        System.out.printf(Locale.ROOT, "removed %d bare-PUT objects from %s%n", removed, bucket);
    }

    static int putOnce(S3Client s3, String bucket, byte[] photo) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(BARE_PUT_PREFIX + UUID.randomUUID() + ".jpg").contentType("image/jpeg"),
                    RequestBody.fromBytes(photo));
            return 200;
        } catch (Exception e) {
            FIRST_FAILURE.compareAndSet(null, e.toString());
            return -1;
        }
    }

    record Result(String name, long requests, Duration elapsed, double p50, double p99, Map<Integer, Long> statuses) {
        double throughput() {
            return requests / (elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-30s %6d requests  %8.1f req/s  p50 %7.1f ms  p99 %7.1f ms  statuses %s",
                    name, requests, throughput(), p50, p99, statuses);
        }
    }

    static Result run(String name, int concurrency, Duration duration, IntSupplier call) throws InterruptedException {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; i < concurrency; i++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    int status = call.getAsInt();
                    latencies.add(System.nanoTime() - t0);
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return new Result(name, sorted.size(), elapsed, percentile(sorted, 50), percentile(sorted, 99), counts);
    }

    private static double percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    static String login(HttpClient http, String auth, String email, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(auth + "/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .build();
        String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        int start = body.indexOf("\"access_token\":\"");
        if (start < 0) {
            throw new IllegalStateException("login failed: " + body);
        }
        start += "\"access_token\":\"".length();
        return body.substring(start, body.indexOf('"', start));
    }

    /** upload-service's v2 signature: every upload is signed anew (a signature is accepted once). */
    private static String signV2(String timestamp, String key, String peopleCount, byte[] file, String secret) {
        try {
            String fileSha256 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file));
            String covered = String.join("\n", "v2", timestamp, key, "", peopleCount, fileSha256);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v2=" + HexFormat.of().formatHex(mac.doFinal(covered.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] jpeg(int width, int height, long seed) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int shade = (x * 255 / width + random.nextInt(96)) & 0xFF;
                image.setRGB(x, y, shade << 16 | ((y * 255 / height) & 0xFF) << 8 | random.nextInt(256));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
