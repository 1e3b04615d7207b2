package io.lecturevision.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every benchmark of issue 14 against a running suite ({@code infra/suite up}), each figure against
 * a baseline measured in the same round, repeated {@code LV_BENCH_RUNS} times; writes the medians to
 * bench/RESULTS.md with the machine and its load average. HTTP/1.1 clients unless a figure says
 * otherwise. Run bench/run-all.
 */
public final class RunAll {

    private static final int MB = 1024 * 1024;
    private static final StaticCredentialsProvider S3_CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create(
            env("LV_S3_ACCESS_KEY", "lv-dev-access"), env("LV_S3_SECRET_KEY", "lv-dev-secret")));

    /** One measured figure of one round: the value, its baseline and what goal the ratio has. */
    record Sample(double value, double baseline, String detail) {
        double ratio() {
            return value / baseline;
        }
    }

    /** A row of RESULTS.md: a figure's samples over all rounds. */
    static final class Figure {
        final String path;
        final String unit;
        final String baselineName;
        final String goal;
        final boolean higherIsBetter;
        final List<Sample> samples = new ArrayList<>();
        final List<double[]> loads = new ArrayList<>();

        Figure(String path, String unit, String baselineName, String goal, boolean higherIsBetter) {
            this.path = path;
            this.unit = unit;
            this.baselineName = baselineName;
            this.goal = goal;
            this.higherIsBetter = higherIsBetter;
        }
    }

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final String auth = "http://127.0.0.1:" + env("LV_AUTH_PORT", "8081");
    private final String upload = "http://127.0.0.1:" + env("LV_UPLOAD_PORT", "8082");
    private final String video = "http://127.0.0.1:" + env("LV_VIDEO_PORT", "8083");
    private final String s3Url = "http://127.0.0.1:" + env("LV_S3_PORT", "19000");
    private final String state = env("LV_STATE_DIR", ".local");
    private final Duration seconds = Duration.ofSeconds(Long.parseLong(env("LV_BENCH_SECONDS", "10")));
    private final List<String> steps = Arrays.asList(env("LV_BENCH_STEPS", "upload,list,stream,start").split(","));
    private final HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient h2c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final S3Client s3 = S3Client.builder().endpointOverride(URI.create(s3Url)).region(Region.US_EAST_1)
            .forcePathStyle(true).httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(S3_CREDENTIALS).build();
    private final LoadSampler load = new LoadSampler(List.of(pidFile("upload-service"), pidFile("video-service")));
    private final CpuAccount cpu = new CpuAccount(Path.of(state, "run"));

    public static void main(String[] args) throws Exception {
        new RunAll().run(Integer.parseInt(env("LV_BENCH_RUNS", "3")), Path.of(env("LV_BENCH_RESULTS", "bench/RESULTS.md")));
    }

    private void run(int runs, Path results) throws Exception {
        ZonedDateTime started = ZonedDateTime.now();
        long idleUpload = LoadSampler.rss(pidFile("upload-service"));
        long idleVideo = LoadSampler.rss(pidFile("video-service"));
        load.start();
        String admin = UploadBench.login(http1, auth, env("LV_ADMIN_EMAIL", "admin@lecturevision.local"),
                env("LV_ADMIN_PASSWORD", "admin-dev-password"));
        StreamBench.Target streamTarget = steps.contains("stream") ? StreamBench.Target.create(http1, auth, video, admin,
                Long.parseLong(env("LV_BENCH_VIDEO_MB", "1024")) * MB) : null;
        try {
            // A freshly started service spends its first minute of load in the JIT (C2 took a third of
            // the two cores then): unrecorded rounds first, so that the recorded ones measure the warmed service.
            int warmUpRounds = Integer.parseInt(env("LV_BENCH_WARMUP_ROUNDS", "1"));
            for (int round = 1 - warmUpRounds; round <= runs; round++) {
                if (round == 1) {
                    figures.clear();
                    cpu.clear();
                }
                System.out.printf(Locale.ROOT, "== round %d of %d (load %s)%s%n", round, runs, LoadSampler.loadAverage(),
                        round < 1 ? ", warm-up, not recorded" : "");
                if (steps.contains("upload")) {
                    uploads(admin);
                }
                if (steps.contains("list")) {
                    list(admin);
                }
                if (streamTarget != null) {
                    stream(streamTarget);
                }
                if (steps.contains("start")) {
                    start();
                }
            }
        } finally {
            if (streamTarget != null) {
                streamTarget.remove(http1, video, s3);
            }
        }
        load.stop();
        write(results, started, runs, idleUpload, idleVideo);
        System.out.println(Files.readString(results));
        s3.close();
    }

    private void uploads(String token) throws Exception {
        String secret = env("LV_UPLOAD_HMAC_SECRET", "dev-only-hmac-secret");
        byte[] photo = UploadBench.jpeg(560, 420, 42);
        String bucket = env("LV_BENCH_BUCKET", "lv-uploads");
        IntSupplier viaHttp1 = () -> UploadBench.uploadOnce(http1, upload, token, secret, photo);
        IntSupplier viaH2c = () -> UploadBench.uploadOnce(h2c, upload, token, secret, photo);
        IntSupplier put = () -> UploadBench.putOnce(s3, bucket, photo);
        UploadBench.run("warm-up", 8, Duration.ofSeconds(3), viaHttp1);
        UploadBench.run("warm-up", 8, Duration.ofSeconds(2), put);
        double[] before = LoadSampler.loadAverages();
        UploadBench.Result service = measured("POST /upload (HTTP/1.1)", 8, viaHttp1);
        UploadBench.Result direct = measured("S3 PUT", 8, put);
        UploadBench.run("warm-up", 8, Duration.ofSeconds(2), viaH2c);
        UploadBench.Result h2 = measured("POST /upload (h2c client)", 8, viaH2c);
        double[] after = LoadSampler.loadAverages();
        UploadBench.removeBarePuts(s3, bucket);
        refuseFailures(service);
        refuseFailures(h2);
        add(figure("`POST /upload` 84 KB JPEG, 8 connections, HTTP/1.1", "req/s", "bare S3 PUT of the same file",
                        "≥ 0.5", true),
                new Sample(service.throughput(), direct.throughput(), String.format(Locale.ROOT,
                        "p50 %.0f ms / %.0f ms", service.p50(), direct.p50())), before, after);
        add(figure("same, Java `HttpClient` defaults (h2c upgrade)", "req/s", "the HTTP/1.1 run above", "≥ 0.9", true),
                new Sample(h2.throughput(), service.throughput(), String.format(Locale.ROOT, "p50 %.0f ms", h2.p50())),
                before, after);
    }

    private void list(String token) throws Exception {
        HttpRequest list = HttpRequest.newBuilder(URI.create(upload + "/uploads?limit=10"))
                .header("Authorization", "Bearer " + token).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(upload + "/health")).build();
        IntSupplier listing = () -> send(list);
        IntSupplier healthCheck = () -> send(health);
        UploadBench.run("warm-up", 32, Duration.ofSeconds(3), listing);
        UploadBench.run("warm-up", 32, Duration.ofSeconds(2), healthCheck);
        double[] before = LoadSampler.loadAverages();
        UploadBench.Result listed = measured("GET /uploads?limit=10", 32, listing);
        UploadBench.Result healthy = measured("GET /health", 32, healthCheck);
        double[] after = LoadSampler.loadAverages();
        refuseFailures(listed);
        add(figure("`GET /uploads?limit=10`, 32 connections", "req/s", "`GET /health` of the same service", "≥ 0.5", true),
                new Sample(listed.throughput(), healthy.throughput(), String.format(Locale.ROOT, "p50 %.1f ms / %.1f ms",
                        listed.p50(), healthy.p50())), before, after);
    }

    private void stream(StreamBench.Target target) throws Exception {
        String url = video + "/v1/videos/stream/" + target.id();
        double[] before = LoadSampler.loadAverages();
        double[] cpuBefore = cpu.snapshot();
        double service = curlFullGet(URI.create(url), "Authorization: Bearer " + target.token(), target.size());
        double[] cpuBetween = cpu.snapshot();
        cpu.record("full GET through video-service (per MB)", cpuBefore, cpuBetween, target.size() / (double) MB);
        // Both sides are read by the same client: curl for the full GET (as the issue measured it; Java's
        // HttpClient spends ~3 ms of CPU per MB reading a body, which the service side would pay on the
        // shared cores), the bench's HttpClient for the ranges; S3Proxy through a presigned GET URL.
        URI direct = presignedGet(target);
        double directFull = curlFullGet(direct, "X-Bench: direct", target.size());
        cpu.record("full GET straight from S3Proxy (per MB)", cpuBetween, cpu.snapshot(), target.size() / (double) MB);
        System.out.printf(Locale.ROOT, "full GET: service %.0f MB/s, S3 %.0f MB/s%n", service, directFull);
        cpuBefore = cpu.snapshot();
        StreamBench.Ranges serviceRanges = StreamBench.ranges(4, seconds, target.size(), (first, last) -> http1.send(
                HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + target.token())
                        .header("Range", "bytes=" + first + "-" + last).build(), HttpResponse.BodyHandlers.ofInputStream()).body());
        cpuBetween = cpu.snapshot();
        cpu.record("1 MB range through video-service", cpuBefore, cpuBetween, serviceRanges.requests());
        StreamBench.Ranges directRanges = StreamBench.ranges(4, seconds, target.size(), (first, last) -> http1.send(
                HttpRequest.newBuilder(direct).header("Range", "bytes=" + first + "-" + last).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body());
        cpu.record("1 MB range straight from S3Proxy", cpuBetween, cpu.snapshot(), directRanges.requests());
        double[] after = LoadSampler.loadAverages();
        System.out.printf(Locale.ROOT, "1 MB ranges: service %.0f req/s (p50 %.1f ms), S3 %.0f req/s (p50 %.1f ms)%n",
                serviceRanges.perSecond(), serviceRanges.p50(), directRanges.perSecond(), directRanges.p50());
        add(figure("full GET of a " + target.size() / MB + " MB video, one client", "MB/s", "the same GET straight from S3Proxy",
                "≥ 0.8", true), new Sample(service, directFull, ""), before, after);
        add(figure("1 MB ranges, 4 connections", "req/s", "the same ranges straight from S3Proxy", "≥ 0.6", true),
                new Sample(serviceRanges.perSecond(), directRanges.perSecond(), String.format(Locale.ROOT,
                        "p50 %.1f ms / %.1f ms", serviceRanges.p50(), directRanges.p50())), before, after);
    }

    /** MB/s of one curl reading the whole body and throwing it away. */
    private static double curlFullGet(URI url, String header, long size) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-sS", "--fail", "-o", "/dev/null", "-w", "%{size_download} %{time_total}",
                "-H", header, url.toString()).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String[] parts = out.split(" ");
        if (curl.waitFor() != 0 || parts.length != 2 || Long.parseLong(parts[0]) != size) {
            throw new IllegalStateException("curl " + url.getPath() + ": " + out);
        }
        return size / (double) MB / Double.parseDouble(parts[1]);
    }

    private URI presignedGet(StreamBench.Target target) {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(s3Url)).region(Region.US_EAST_1)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(S3_CREDENTIALS).build()) {
            return presigner.presignGetObject(r -> r.signatureDuration(Duration.ofHours(1))
                    .getObjectRequest(b -> b.bucket(target.bucket()).key(target.objectKey()))).url().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a second upload-service with the running one's own command line, environment and JVM
     * options (read from /proc), on a free port, and times it to {@code /q/health/ready} UP; then
     * its RSS once idle.
     */
    private void start() throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile("upload-service")).trim());
        List<String> command = new ArrayList<>(Arrays.asList(
                Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0")));
        // The running service may be writing its class cache at exit; the copy must not write it too.
        command.removeIf(option -> option.startsWith("-XX:ArchiveClassesAtExit=") || option.startsWith("-XX:AOTCacheOutput="));
        String drop = env("LV_BENCH_START_DROP", "");
        if (!drop.isBlank()) {
            command.subList(1, command.indexOf("-jar")).removeIf(option -> option.matches(drop));
        }
        command.set(0, env("LV_BENCH_START_JAVA", command.get(0)));
        String extra = env("LV_BENCH_START_JAVA_OPTS", "");
        if (!extra.isBlank()) {
            command.addAll(1, Arrays.asList(extra.trim().split("\\s+")));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/proc/" + pid + "/cwd").toRealPath().toFile());
        builder.environment().clear();
        for (String entry : Files.readString(Path.of("/proc/" + pid + "/environ")).split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                builder.environment().put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        builder.environment().put("LV_UPLOAD_PORT", Integer.toString(port));
        Path log = Files.createTempFile("lv-start-bench", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        double[] before = LoadSampler.loadAverages();
        long t0 = System.nanoTime();
        Process process = builder.start();
        double ready;
        long rss;
        try {
            HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                if (send(probe) == 200) {
                    break;
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the second upload-service did not get ready; see " + log);
                }
                Thread.sleep(20);
            }
            ready = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(3000);
            rss = LoadSampler.rss(process.pid());
        } finally {
            process.destroy();
            if (!process.waitFor(180, TimeUnit.SECONDS)) { // a JDK 25 training run writes its AOT cache at exit
                process.destroyForcibly();
            }
        }
        double[] after = LoadSampler.loadAverages();
        Matcher startedIn = Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(log));
        String quarkusSays = startedIn.find() ? "Quarkus: started in " + startedIn.group(1) + " s" : "";
        Files.delete(log);
        System.out.printf(Locale.ROOT, "start to ready: %.2f s (%s), RSS idle %d MB%n", ready, quarkusSays, rss / MB);
        add(figure("start of upload-service alone (JVM) to `/q/health/ready` UP", "s",
                "Quarkus's published JVM start of a REST + Hibernate + Flyway app, ~1.2 s", "≤ 2.5 s", false),
                new Sample(ready, 1.2, quarkusSays), before, after);
        add(figure("RSS of that upload-service, idle 3 s after ready", "MB", "—", "≤ 200 MB", false),
                new Sample(rss / (double) MB, Double.NaN, ""), before, after);
    }

    private Figure figure(String path, String unit, String baselineName, String goal, boolean higherIsBetter) {
        return figures.computeIfAbsent(path, p -> new Figure(p, unit, baselineName, goal, higherIsBetter));
    }

    private static void add(Figure figure, Sample sample, double[] before, double[] after) {
        figure.samples.add(sample);
        figure.loads.add(new double[] {before[0], after[0]});
    }

    private int send(HttpRequest request) {
        try {
            return http1.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static UploadBench.Result report(UploadBench.Result result) {
        System.out.println(result);
        return result;
    }

    /** Runs and reports one measured phase, and records its CPU per request. */
    private UploadBench.Result measured(String name, int connections, IntSupplier request) throws Exception {
        double[] before = cpu.snapshot();
        UploadBench.Result result = UploadBench.run(name, connections, seconds, request);
        cpu.record(name, before, cpu.snapshot(), result.requests());
        return report(result);
    }

    private static void refuseFailures(UploadBench.Result result) {
        long bad = result.statuses().entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(Map.Entry::getValue).sum();
        if (bad * 100 > result.requests()) {
            throw new IllegalStateException(result.name() + ": more than 1% non-200 answers " + result.statuses()
                    + " (429: start the suite with LV_RATE_LIMITS_UPLOAD_LIMIT=100000, see bench/run-all)");
        }
    }

    private void write(Path results, ZonedDateTime started, int runs, long idleUpload, long idleVideo) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# Benchmark results (`bench/run-all`)\n\n");
        out.append(String.format(Locale.ROOT, "%s to %s; median of %d round(s), %d s per phase; HTTP/1.1 clients unless "
                        + "said; load generator on the same machine.%n%n",
                started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceFirst("\\.\\d+", ""),
                ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME).replaceFirst("\\.\\d+", ""),
                runs, seconds.toSeconds()));
        out.append(String.format(Locale.ROOT, "Machine: %d cores, %.1f GiB memory, %s; load average (1 min) during the run: "
                        + "min %.1f, median %.1f, max %.1f.%n%n", Runtime.getRuntime().availableProcessors(),
                LoadSampler.memTotalGiB(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                load.min(), load.median(), load.max()));
        out.append("The services' JVM: ").append(serviceRuntime()).append(".\n\n");
        out.append("| path | now (median) | baseline, same round (median) | ratio (median) | goal | rounds | load avg before→after |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Figure figure : figures.values()) {
            double value = median(figure.samples.stream().mapToDouble(Sample::value).toArray());
            double baseline = median(figure.samples.stream().mapToDouble(Sample::baseline).toArray());
            double ratio = median(figure.samples.stream().mapToDouble(Sample::ratio).toArray());
            StringBuilder rounds = new StringBuilder();
            StringBuilder loads = new StringBuilder();
            for (int i = 0; i < figure.samples.size(); i++) {
                Sample sample = figure.samples.get(i);
                rounds.append(i == 0 ? "" : "; ").append(format(sample.value()));
                if (!Double.isNaN(sample.baseline())) {
                    rounds.append(" / ").append(format(sample.baseline()));
                }
                if (!sample.detail().isBlank()) {
                    rounds.append(" (").append(sample.detail()).append(')');
                }
                loads.append(i == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%.1f→%.1f",
                        figure.loads.get(i)[0], figure.loads.get(i)[1]));
            }
            boolean hasBaseline = !Double.isNaN(baseline);
            out.append("| ").append(figure.path)
                    .append(" | ").append(format(value)).append(' ').append(figure.unit)
                    .append(" | ").append(hasBaseline ? figure.baselineName + ": " + format(baseline) + ' '
                            + (figure.unit.equals("s") ? "s" : figure.unit) : figure.baselineName)
                    .append(" | ").append(hasBaseline && figure.higherIsBetter ? String.format(Locale.ROOT, "%.2f", ratio) : "—")
                    .append(" | ").append(figure.goal)
                    .append(" | ").append(rounds)
                    .append(" | ").append(loads).append(" |\n");
        }
        out.append(String.format(Locale.ROOT, "%nRSS of the suite's services: upload-service %d MB and video-service %d MB "
                        + "idle before the run; peak during the run: upload-service %d MB, video-service %d MB (goal ≤ 300 MB).%n",
                idleUpload / MB, idleVideo / MB, load.peak(0) / MB, load.peak(1) / MB));
        out.append("\nWhere the CPU went: milliseconds of CPU per request (per MB for a full GET) by process, read from "
                + "/proc around each phase (median of the rounds). The load generator and every process share the same "
                + "cores, so a ratio above can be no better than what these costs allow.\n\n");
        out.append(cpu.table());
        out.append("\nWhat those costs allow each ratio to be (its baseline's CPU per request over the path's, whole "
                + "machine; medians): a ratio goal above the middle column cannot be reached by any service on these "
                + "cores, and a relay must at least receive and send every byte (the last column).\n\n");
        out.append(cpu.bounds(List.of(
                new CpuAccount.Pair("`POST /upload` / bare S3 PUT", "POST /upload (HTTP/1.1)", "S3 PUT", "upload-service", false),
                new CpuAccount.Pair("`GET /uploads?limit=10` / `GET /health`", "GET /uploads?limit=10", "GET /health",
                        "upload-service", false),
                new CpuAccount.Pair("full GET / S3Proxy direct", "full GET through video-service (per MB)",
                        "full GET straight from S3Proxy (per MB)", "video-service", true),
                new CpuAccount.Pair("1 MB ranges / S3Proxy direct", "1 MB range through video-service",
                        "1 MB range straight from S3Proxy", "video-service", true))));
        out.append("\nFor each goal not reached, what its profile says the remaining time is spent on, and why it is not "
                + "removed here: README, *Benchmarks*, \"Why the goals not reached are not reached\".\n");
        Files.writeString(results, out.toString(), StandardCharsets.UTF_8);
    }

    /** The running upload-service's java binary and its class-cache option, from /proc. */
    private String serviceRuntime() throws IOException {
        String pid = Files.readString(pidFile("upload-service")).trim();
        String java = Files.readSymbolicLink(Path.of("/proc", pid, "exe")).toString();
        String cache = Arrays.stream(Files.readString(Path.of("/proc", pid, "cmdline")).split("\0"))
                .filter(option -> option.matches("-XX:(AOTCache|AOTCacheOutput|SharedArchiveFile|ArchiveClassesAtExit)=.*"))
                .map(option -> '`' + option.replaceFirst("=.*/", "=…/") + '`').findFirst().orElse("no class cache");
        return "`" + java + "`, " + cache;
    }

    private static String format(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private Path pidFile(String name) {
        return Path.of(state, "run", name + ".pid");
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Samples the 1-minute load average and the services' RSS every 200 ms for the whole run. */
    static final class LoadSampler {
        private final List<Path> pidFiles;
        private final List<Double> loads = new ArrayList<>();
        private final long[] peaks;
        private volatile boolean running;
        private Thread thread;

        LoadSampler(List<Path> pidFiles) {
            this.pidFiles = pidFiles;
            this.peaks = new long[pidFiles.size()];
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                long lastLoad = 0;
                while (running) {
                    for (int i = 0; i < pidFiles.size(); i++) {
                        peaks[i] = Math.max(peaks[i], rss(pidFiles.get(i)));
                    }
                    if (System.nanoTime() - lastLoad > TimeUnit.SECONDS.toNanos(5)) {
                        synchronized (loads) {
                            loads.add(loadAverages()[0]);
                        }
                        lastLoad = System.nanoTime();
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "load-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peak(int index) {
            return peaks[index];
        }

        double min() {
            synchronized (loads) {
                return loads.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            }
        }

        double max() {
            synchronized (loads) {
                return loads.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            }
        }

        double median() {
            synchronized (loads) {
                return RunAll.median(loads.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }

        static double[] loadAverages() {
            try {
                String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
            } catch (IOException e) {
                return new double[] {Double.NaN, Double.NaN, Double.NaN};
            }
        }

        static String loadAverage() {
            double[] load = loadAverages();
            return String.format(Locale.ROOT, "%.2f %.2f %.2f", load[0], load[1], load[2]);
        }

        static double memTotalGiB() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (line.startsWith("MemTotal:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
                    }
                }
            } catch (IOException e) {
                return Double.NaN;
            }
            return Double.NaN;
        }

        static long rss(Path pidFile) {
            try {
                return rss(Long.parseLong(Files.readString(pidFile).trim()));
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
        }

        static long rss(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return 0;
        }
    }
}
