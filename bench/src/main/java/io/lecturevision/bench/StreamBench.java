package io.lecturevision.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streaming through video-service against the same reads straight from the S3 store, same run:
 * a full GET of a large video and random 1 MB ranges, plus the service's peak RSS while it streams.
 * A benchmark, not a test: run bench/stream-bench.sh against a running suite.
 */
public final class StreamBench {

    private static final int MB = 1024 * 1024;

    public static void main(String[] args) throws Exception {
        String edgeAuth = env("LV_BENCH_AUTH_URL", "http://127.0.0.1:8081");
        String video = env("LV_BENCH_VIDEO_URL", "http://127.0.0.1:8083");
        long size = Long.parseLong(env("LV_BENCH_VIDEO_MB", "1024")) * MB;
        int concurrency = Integer.parseInt(env("LV_BENCH_CONCURRENCY", "4"));
        Duration duration = Duration.ofSeconds(Long.parseLong(env("LV_BENCH_SECONDS", "15")));
        long servicePid = Long.parseLong(Files.readString(Path.of(env("LV_BENCH_VIDEO_PID_FILE",
                ".local/run/video-service.pid"))).trim());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        String admin = Json.field(post(http, edgeAuth + "/v1/auth/login", null, "{\"email\":\""
                + env("LV_ADMIN_EMAIL", "admin@lecturevision.local") + "\",\"password\":\""
                + env("LV_ADMIN_PASSWORD", "admin-dev-password") + "\"}"), "access_token");
        long t0 = System.nanoTime();
        Target target = Target.create(http, edgeAuth, video, admin, size);
        System.out.printf(Locale.ROOT, "uploaded a %d MB video straight to S3 in %.1f s%n", size / MB, (System.nanoTime() - t0) / 1e9);
        String token = target.token();
        String bucket = target.bucket();
        String objectKey = target.objectKey();

        S3Client s3 = S3Client.builder().endpointOverride(URI.create(env("LV_BENCH_S3_URL", "http://127.0.0.1:19000")))
                .region(Region.US_EAST_1).forcePathStyle(true).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        env("LV_S3_ACCESS_KEY", "lv-dev-access"), env("LV_S3_SECRET_KEY", "lv-dev-secret")))).build();
        String streamUrl = video + "/v1/videos/stream/" + target.id();

        RssSampler rss = new RssSampler(servicePid);
        rss.start();
        long rssBefore = rss.current();
        double serviceFull = fullGet(() -> http.send(HttpRequest.newBuilder(URI.create(streamUrl))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream()).body(), size);
        double directFull = fullGet(() -> s3.getObject(b -> b.bucket(bucket).key(objectKey)), size);
        Ranges serviceRanges = ranges(concurrency, duration, size, (first, last) -> http.send(HttpRequest.newBuilder(
                        URI.create(streamUrl)).header("Authorization", "Bearer " + token)
                .header("Range", "bytes=" + first + "-" + last).build(), HttpResponse.BodyHandlers.ofInputStream()).body());
        Ranges directRanges = ranges(concurrency, duration, size, (first, last) ->
                s3.getObject(b -> b.bucket(bucket).key(objectKey).range("bytes=" + first + "-" + last)));
        rss.stop();

        System.out.println();
        System.out.printf(Locale.ROOT, "full GET of %d MB   service %7.1f MB/s   S3 %7.1f MB/s   ratio %.2f%n", size / MB,
                serviceFull, directFull, serviceFull / directFull);
        System.out.printf(Locale.ROOT, "random 1 MB ranges  service %7.1f req/s (p50 %.1f ms, p99 %.1f ms)   S3 %7.1f req/s "
                        + "(p50 %.1f ms, p99 %.1f ms)   ratio %.2f%n", serviceRanges.perSecond, serviceRanges.p50, serviceRanges.p99,
                directRanges.perSecond, directRanges.p50, directRanges.p99, serviceRanges.perSecond / directRanges.perSecond);
        System.out.printf(Locale.ROOT, "video-service RSS: %d MB before, peak %d MB while streaming (video %d MB)%n",
                rssBefore / MB, rss.peak() / MB, size / MB);
        target.remove(http, video, s3);
        s3.close();
    }

    interface Opener {
        InputStream open() throws Exception;
    }

    interface RangeOpener {
        InputStream open(long first, long last) throws Exception;
    }

    record Ranges(long requests, double perSecond, double p50, double p99) {
    }

    static double fullGet(Opener opener, long size) throws Exception {
        long start = System.nanoTime();
        long read = drain(opener.open());
        if (read != size) {
            throw new IllegalStateException("read " + read + " of " + size + " bytes");
        }
        return size / (double) MB / ((System.nanoTime() - start) / 1e9);
    }

    static Ranges ranges(int concurrency, Duration duration, long size, RangeOpener opener) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; i < concurrency; i++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    long first = ThreadLocalRandom.current().nextLong(size - MB);
                    long t0 = System.nanoTime();
                    try {
                        if (drain(opener.open(first, first + MB - 1)) != MB) {
                            failures.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - t0);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (failures.get() > 0) {
            System.out.println("range failures: " + failures.get());
        }
        return new Ranges(sorted.size(), sorted.size() / seconds, percentile(sorted, 50), percentile(sorted, 99));
    }

    private static long drain(InputStream in) throws Exception {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        try (in) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                total += read;
            }
        }
        return total;
    }

    private static double percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    /** A corporation admin and a READY video of the wanted size, put straight into S3 by presigned URL. */
    record Target(long id, String token, String bucket, String objectKey, long size) {
        static Target create(HttpClient http, String auth, String video, String admin, long size) throws Exception {
            String corporation = Json.field(post(http, auth + "/v1/corporations", admin,
                    "{\"name\":\"bench-" + UUID.randomUUID() + "\",\"plan_type\":\"PAID\"}"), "id");
            String email = "bench-" + UUID.randomUUID() + "@example.test";
            post(http, auth + "/v1/users", admin, "{\"email\":\"" + email + "\",\"password\":\"bench-password\","
                    + "\"role\":\"admin\",\"corporation_id\":\"" + corporation + "\"}");
            String token = Json.field(post(http, auth + "/v1/auth/login", null,
                    "{\"email\":\"" + email + "\",\"password\":\"bench-password\"}"), "access_token");
            String presigned = post(http, video + "/v1/videos/presigned", token,
                    "{\"name\":\"bench\",\"content_type\":\"video/mp4\",\"size\":" + size + "}");
            long id = Long.parseLong(Json.field(presigned, "id"));
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(Json.field(presigned, "upload_url")))
                    .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new Mp4Like(size)), size))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 200) {
                throw new IllegalStateException("presigned PUT failed: " + put.statusCode() + " " + put.body());
            }
            post(http, video + "/v1/videos/" + id + "/complete", token, "");
            String filePath = Json.field(presigned, "file_path");
            return new Target(id, token, filePath.replaceFirst("^s3://([^/]+)/.*$", "$1"),
                    filePath.replaceFirst("^s3://[^/]+/", ""), size);
        }

        /** Soft-deletes the video and deletes its object: each run would otherwise leave a 1 GB file in the store. */
        void remove(HttpClient http, String video, S3Client s3) throws Exception {
            HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(video + "/v1/videos/" + id))
                    .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            if (deleted.statusCode() >= 300) {
                System.out.println("could not soft-delete video " + id + ": " + deleted.statusCode() + " " + deleted.body());
            }
            s3.deleteObject(b -> b.bucket(bucket).key(objectKey));
            System.out.printf(Locale.ROOT, "removed the %d MB bench video %d and its object%n", size / (1024 * 1024), id);
        }
    }

    static String post(HttpClient http, String url, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Reads the first string or number value of a field in a JSON text (enough for these answers). */
    static final class Json {
        static String field(String json, String name) {
            Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|([0-9]+))").matcher(json);
            if (!matcher.find()) {
                throw new IllegalStateException("no " + name + " in " + json);
            }
            return matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
        }
    }

    /** An MP4-looking stream of {@code size} bytes, generated as it is read (nothing held in memory). */
    static final class Mp4Like extends InputStream {
        private static final byte[] HEADER = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
        private final long size;
        private long position;

        Mp4Like(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            int value = position < HEADER.length ? HEADER[(int) position] : (int) ((position * 31) & 0xFF);
            position++;
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int count = (int) Math.min(length, size - position);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = (byte) read();
            }
            return count;
        }
    }

    /** Samples VmRSS of a process every 50 ms. */
    static final class RssSampler {
        private final Path status;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        RssSampler(long pid) {
            this.status = Path.of("/proc/" + pid + "/status");
        }

        long current() {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (Exception e) {
                return -1;
            }
            return -1;
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(current(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peak() {
            return peak.get();
        }
    }
}
