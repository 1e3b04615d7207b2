import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.vision.config.VisionConfig;
import io.lecturevision.vision.inference.EsrganModel;
import io.lecturevision.vision.inference.PeopleDetector;
import io.lecturevision.vision.inference.TensorFlowDevice;
import io.lecturevision.vision.inference.TfjsLayersModel;
import io.lecturevision.vision.inference.TileRunner;
import io.lecturevision.vision.inference.UpscaleModel;
import io.lecturevision.vision.inference.Upscaler;
import io.smallrye.config.WithDefault;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * vision-service's benchmarks (run by bench/vision-bench.sh, not by CI):
 * <ul>
 *   <li>{@code quality}: PSNR and SSIM of each ESRGAN model and of bicubic on held-out photos
 *       downscaled 2× per side (a quarter of the area) by area averaging, against the originals;</li>
 *   <li>{@code counting}: the people detector against the hand-made labels of bench/vision-people-labels.tsv;</li>
 *   <li>{@code speed}: bare TF Java session calls against the same work as a job through the running
 *       service (HTTP in → status completed; camera upload → count on the upload).</li>
 * </ul>
 * The models run exactly as in the service: same classes, same graph, default configuration.
 */
public class VisionBench {

    private static final Path OPENCV = Path.of("/usr/share/doc/opencv-doc/examples/data");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Path models;
    /** When set, the detector's lv.vision.people.min-score instead of its default. */
    private static Float minScoreOverride;
    private static Path work;

    public static void main(String[] args) throws Exception {
        models = Path.of(System.getenv().getOrDefault("LV_STATE_DIR", ".local"), "models").toAbsolutePath();
        work = Files.createTempDirectory("lv-vision-bench");
        List<UpscaleModel> upscalers = Arrays.stream(System.getenv().getOrDefault("LV_BENCH_MODELS", "slim,medium,thick")
                .split(",")).filter(id -> !id.isBlank()).map(id -> UpscaleModel.byId(id.trim()).orElseThrow()).toList();
        switch (args.length == 0 ? "" : args[0]) {
            case "quality" -> quality(upscalers);
            case "counting" -> counting(Path.of(args[1]));
            case "speed" -> speed(upscalers, Path.of(args[1]));
            default -> throw new IllegalArgumentException("usage: VisionBench quality | counting LABELS | speed LABELS");
        }
    }

    // ---------------------------------------------------------------- quality

    private static final List<String> QUALITY_SET = List.of("baboon.jpg", "fruits.jpg", "butterfly.jpg", "building.jpg",
            "home.jpg", "HappyFish.jpg", "board.jpg", "aero3.jpg", "smarties.png", "lena.jpg", "starry_night.jpg");

    private static void quality(List<UpscaleModel> upscalers) throws Exception {
        List<Path> images = new ArrayList<>();
        QUALITY_SET.stream().map(OPENCV::resolve).filter(Files::isRegularFile).forEach(images::add);
        images.add(models.resolve("esrgan-medium/assets/fixture.png"));
        Map<UpscaleModel, EsrganModel> built = build(upscalers);
        System.out.printf("Upscaling quality: centre crop ≤ 256², area-downscaled to half the side, upscaled x2 back;%n"
                + "PSNR (dB, RGB) / SSIM (luma, 11×11 Gaussian σ 1.5) against the crop. Higher is better.%n%n");
        StringBuilder header = new StringBuilder(String.format("| %-34s | %-15s", "image (source)", "bicubic"));
        upscalers.forEach(m -> header.append(String.format(" | %-15s", m.id())));
        System.out.println(header + " |");
        System.out.println(header.toString().replaceAll("[^|]", "-") + "-|");
        double[][] sums = new double[upscalers.size() + 1][2];
        for (Path file : images) {
            BufferedImage original = rgb(ImageIO.read(file.toFile()));
            int side = Math.min(256, Math.min(original.getWidth(), original.getHeight())) & ~1;
            BufferedImage truth = original.getSubimage((original.getWidth() - side) / 2, (original.getHeight() - side) / 2,
                    side, side);
            BufferedImage small = areaHalf(truth);
            StringBuilder row = new StringBuilder(String.format("| %-34s", label(file)));
            double[] score = compare(truth, bicubic(small, 2));
            add(sums[0], score);
            row.append(String.format(" | %6.2f / %.4f", score[0], score[1]));
            for (int i = 0; i < upscalers.size(); i++) {
                score = compare(truth, Upscaler.upscale(small, built.get(upscalers.get(i))::run, 2, 128, 12));
                add(sums[i + 1], score);
                row.append(String.format(" | %6.2f / %.4f", score[0], score[1]));
            }
            System.out.println(row + " |");
        }
        StringBuilder mean = new StringBuilder(String.format("| %-34s", "mean of " + images.size()));
        for (double[] sum : sums) {
            mean.append(String.format(" | %6.2f / %.4f", sum[0] / images.size(), sum[1] / images.size()));
        }
        System.out.println(mean + " |");
        built.values().forEach(EsrganModel::close);
    }

    private static String label(Path file) {
        return file.startsWith(OPENCV) ? file.getFileName() + " (opencv-doc)"
                : file.getParent().getParent().getFileName() + " fixture (npm)";
    }

    private static void add(double[] sum, double[] score) {
        sum[0] += score[0];
        sum[1] += score[1];
    }

    /** {PSNR over the RGB channels, SSIM of the luma}. */
    private static double[] compare(BufferedImage truth, BufferedImage result) {
        int w = truth.getWidth();
        int h = truth.getHeight();
        double squared = 0;
        double[] a = new double[w * h];
        double[] b = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = truth.getRGB(x, y);
                int q = result.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    double d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
                    squared += d * d;
                }
                a[y * w + x] = luma(p);
                b[y * w + x] = luma(q);
            }
        }
        double mse = squared / (3.0 * w * h);
        return new double[] {mse == 0 ? 99 : 10 * Math.log10(255 * 255 / mse), ssim(a, b, w, h)};
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    /** Mean SSIM (Wang et al. 2004: 11×11 Gaussian window, σ 1.5, K1 0.01, K2 0.03) over the valid windows. */
    private static double ssim(double[] a, double[] b, int w, int h) {
        int radius = 5;
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-i * i / (2 * 1.5 * 1.5));
            total += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= total;
        }
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double sum = 0;
        int windows = 0;
        for (int y = radius; y < h - radius; y++) {
            for (int x = radius; x < w - radius; x++) {
                double ma = 0, mb = 0, aa = 0, bb = 0, ab = 0;
                for (int dy = -radius; dy <= radius; dy++) {
                    for (int dx = -radius; dx <= radius; dx++) {
                        double k = kernel[dy + radius] * kernel[dx + radius];
                        double va = a[(y + dy) * w + x + dx];
                        double vb = b[(y + dy) * w + x + dx];
                        ma += k * va;
                        mb += k * vb;
                        aa += k * va * va;
                        bb += k * vb * vb;
                        ab += k * va * vb;
                    }
                }
                double varA = aa - ma * ma;
                double varB = bb - mb * mb;
                double cov = ab - ma * mb;
                sum += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (varA + varB + c2));
                windows++;
            }
        }
        return sum / windows;
    }

    /** Each output pixel the mean of a 2 × 2 block (area interpolation at one half). */
    private static BufferedImage areaHalf(BufferedImage image) {
        BufferedImage half = new BufferedImage(image.getWidth() / 2, image.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < half.getHeight(); y++) {
            for (int x = 0; x < half.getWidth(); x++) {
                int r = 0, g = 0, b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int p = image.getRGB(2 * x + dx, 2 * y + dy);
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                    }
                }
                half.setRGB(x, y, (r + 2) / 4 << 16 | (g + 2) / 4 << 8 | (b + 2) / 4);
            }
        }
        return half;
    }

    /** What the service's {@code bicubic} model does (Java 2D bicubic interpolation). */
    private static BufferedImage bicubic(BufferedImage image, int scale) {
        return resize(image, image.getWidth() * scale, image.getHeight() * scale);
    }

    private static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage result = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = result.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return result;
    }

    private static BufferedImage rgb(BufferedImage image) {
        return resize(image, image.getWidth(), image.getHeight());
    }

    // ---------------------------------------------------------------- counting

    record Labelled(String name, String source, Path file, int people) {
    }

    /** The labels file: source, image, frame (for a video; - otherwise), people, note. */
    private static List<Labelled> labels(Path tsv) throws Exception {
        List<Labelled> labelled = new ArrayList<>();
        for (String line : Files.readAllLines(tsv)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            Path file = OPENCV.resolve(f[1]);
            String name = f[1];
            if (!f[2].equals("-")) {
                name = f[1] + " frame " + f[2];
                file = work.resolve(f[1] + "-" + f[2] + ".png");
                if (!Files.exists(file)) {
                    run("ffmpeg", "-loglevel", "error", "-y", "-i", OPENCV.resolve(f[1]).toString(), "-vf",
                            "select=eq(n\\," + f[2] + ")", "-frames:v", "1", "-update", "1", file.toString());
                }
            }
            labelled.add(new Labelled(name, f[0], file, Integer.parseInt(f[3])));
        }
        return labelled;
    }

    private static final float[] THRESHOLDS = {0.2f, 0.3f, 0.4f, 0.5f};

    /**
     * The configured score (0.2) and higher ones: non-maximum suppression keeps boxes in score order,
     * so the boxes from a higher score up are exactly what a run at that score would keep.
     */
    private static void counting(Path tsv) throws Exception {
        String configured;
        try {
            configured = VisionConfig.People.class.getMethod("minScore").getAnnotation(WithDefault.class).value();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        // Detections from the lowest score shown; each column filters them (NMS keeps boxes in score
        // order, so a box below a threshold never suppressed one above it: this is what a run at that score gives).
        minScoreOverride = THRESHOLDS[0];
        PeopleDetector detector = new PeopleDetector(config(), JSON);
        minScoreOverride = null;
        List<Labelled> images = labels(tsv);
        System.out.printf("People counting (%s, whole image + 2×2 tiles) against hand-made labels, by minimum score%n"
                + "(lv.vision.people.min-score, %s configured)%n%n", PeopleDetector.MODEL, configured);
        System.out.println("| image (source) | labelled | ≥ 0.2 | ≥ 0.3 | ≥ 0.4 | ≥ 0.5 |");
        System.out.println("|---|---|---|---|---|---|");
        int[] errors = new int[THRESHOLDS.length];
        int[] exact = new int[THRESHOLDS.length];
        for (Labelled image : images) {
            List<PeopleDetector.Detection> people = detector.count(rgb(ImageIO.read(image.file().toFile()))).people();
            StringBuilder row = new StringBuilder(String.format("| %s (%s) | %d", image.name(), image.source(), image.people()));
            for (int i = 0; i < THRESHOLDS.length; i++) {
                float threshold = THRESHOLDS[i];
                int counted = (int) people.stream().filter(person -> person.score() >= threshold).count();
                errors[i] += Math.abs(counted - image.people());
                exact[i] += counted == image.people() ? 1 : 0;
                row.append(String.format(" | %d (%+d)", counted, counted - image.people()));
            }
            System.out.println(row + " |");
        }
        StringBuilder mae = new StringBuilder("| mean absolute error (exact) | ");
        for (int i = 0; i < THRESHOLDS.length; i++) {
            mae.append(String.format(" | %.2f (%d of %d)", errors[i] / (double) images.size(), exact[i], images.size()));
        }
        System.out.println(mae + " |");
    }

    // ---------------------------------------------------------------- speed

    private static void speed(List<UpscaleModel> upscalers, Path tsv) throws Exception {
        String visionUrl = "http://127.0.0.1:" + System.getenv().getOrDefault("LV_VISION_PORT", "8084");
        String uploadUrl = "http://127.0.0.1:" + System.getenv().getOrDefault("LV_UPLOAD_PORT", "8082");
        String token = login("http://127.0.0.1:" + System.getenv().getOrDefault("LV_EDGE_PORT", "8080"));
        BufferedImage building = rgb(ImageIO.read(OPENCV.resolve("building.jpg").toFile()));
        BufferedImage tile = building.getSubimage(300, 150, 256, 256);
        BufferedImage photo = resize(building, 1920, 1080);
        Path tileFile = write(tile, "tile-256.png", "png");
        Path photoFile = write(photo, "photo-1080p.jpg", "jpg");
        Map<UpscaleModel, EsrganModel> built = build(upscalers);

        System.out.printf("Upscaling x2 (building.jpg from opencv-doc: a 256² crop; the photo resized to 1920×1080).%n"
                + "session: the model's bare Session.run calls on the service's tiles (128 + 12 context), median of 3;%n"
                + "job: POST /upscale → status completed seen on GET /photos (polled every 100 ms), same images, same run, "
                + "median of 3 on the 256² crop, once on the photo;%n"
                + "both after one unmeasured warm-up run (bench) and job (service) on the 256² crop.%n%n");
        System.out.println("| model | image | one Session.run on the whole 256² | session calls (tiles) | job | job / session "
                + "| in the service: model / job (job / model) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (UpscaleModel model : upscalers) {
            EsrganModel esrgan = built.get(model);
            float[] pixels = pixels(tile);
            esrgan.run(pixels, 256, 256);
            // Both sides warm: TensorFlow's first run of a session on new shapes prepares its kernels.
            upscaleJob(visionUrl, token, tileFile, model);
            long single = median(() -> timed(() -> esrgan.run(pixels, 256, 256)));
            boolean wholePhoto = model != UpscaleModel.THICK;
            for (Path file : wholePhoto ? List.of(tileFile, photoFile) : List.of(tileFile)) {
                BufferedImage image = file == tileFile ? tile : photo;
                int[] tiles = new int[1];
                long[] sessionNanos = new long[1];
                TileRunner timedRunner = (rgb, w, h) -> {
                    long started = System.nanoTime();
                    float[] out = esrgan.run(rgb, w, h);
                    sessionNanos[0] += System.nanoTime() - started;
                    tiles[0]++;
                    return out;
                };
                long session = file == tileFile ? median(() -> {
                    sessionNanos[0] = 0;
                    tiles[0] = 0;
                    Upscaler.upscale(image, timedRunner, 2, 128, 12);
                    return sessionNanos[0] / 1_000_000;
                }) : once(() -> {
                    Upscaler.upscale(image, timedRunner, 2, 128, 12);
                    return sessionNanos[0] / 1_000_000;
                });
                List<UpscaleJob> runs = new ArrayList<>();
                for (int i = 0; i < (file == tileFile ? 3 : 1); i++) {
                    runs.add(upscaleJob(visionUrl, token, file, model));
                }
                runs.sort(java.util.Comparator.comparingLong(UpscaleJob::ms));
                UpscaleJob job = runs.get(runs.size() / 2);
                System.out.printf("| %s | %s | %s | %d ms (%d) | %d ms | %.2f | %d / %d ms (%.2f) |%n", model.id(),
                        file.getFileName(), file == tileFile ? single + " ms" : "", session, tiles[0], job.ms(),
                        job.ms() / (double) session, job.modelMs(), job.ms(), job.ms() / (double) job.modelMs());
            }
            if (!wholePhoto) {
                System.out.printf("| %s | photo-1080p.jpg | not run (≈ 135 tiles at the 256² rate: tens of minutes) | | | |%n",
                        model.id());
            }
        }
        built.values().forEach(EsrganModel::close);

        PeopleDetector detector = new PeopleDetector(config(), JSON);
        List<Labelled> images = new ArrayList<>(labels(tsv).subList(0, 3));
        images.add(new Labelled("building.jpg at 1920×1080", "opencv-doc", photoFile, 0));
        System.out.printf("%nPeople counting: detector.count (whole image + 2×2 tiles: 5 Session.run, resizing, NMS), "
                + "median of 3, on the image as ImageIO decodes it;%njob: signed POST /upload to upload-service → detected_count on "
                + "GET /uploads/{id} (lecture-image.uploaded, vision-service, people.counted through Kafka), polled every 25 ms, "
                + "median of 3.%n%n");
        System.out.println("| image | size | detector.count | job | job / detector |");
        System.out.println("|---|---|---|---|---|");
        // Both sides warm: the service's first counts also run its Java code interpreted.
        for (int i = 0; i < 3; i++) {
            detector.count(tile);
            countJob(uploadUrl, token, tileFile);
        }
        List<CountJob> jobs = new ArrayList<>();
        for (Labelled image : images) {
            BufferedImage decoded = ImageIO.read(image.file().toFile());
            long bare = median(() -> timed(() -> detector.count(decoded)));
            List<CountJob> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(countJob(uploadUrl, token, image.file()));
            }
            jobs.addAll(runs);
            long job = runs.stream().mapToLong(CountJob::ms).sorted().toArray()[1];
            System.out.printf("| %s | %d×%d | %d ms | %d ms | %.2f |%n", image.name(), decoded.getWidth(),
                    decoded.getHeight(), bare, job, job / (double) bare);
        }
        hops(jobs);
    }

    /** One counting job as the benchmark saw it: the upload's id, and when it was sent and seen counted (epoch ms). */
    record CountJob(long uploadId, long sentAt, long seenAt) {
        long ms() {
            return seenAt - sentAt;
        }
    }

    /**
     * Where each counting job's time went, from the timestamps both services keep in their databases
     * (same machine, same clock): the upload row, both outboxes (written / marked sent after the
     * Kafka commit), both consumers' processed_event rows (taken off the broker) and the count.
     */
    private static void hops(List<CountJob> jobs) throws Exception {
        String pg = "jdbc:postgresql://127.0.0.1:" + System.getenv().getOrDefault("LV_PG_PORT", "15432") + "/";
        System.out.printf("%nWhere a counting job's time goes (ms; each hop from the end of the one before; median of the %d jobs "
                + "above, min–max in brackets):%n%n", jobs.size());
        String[] names = {"POST /upload → upload row written", "upload-service's relay: row → Kafka commit → marked sent",
                "→ vision's consumer takes it (broker, fetch)", "vision: presigned GET + decode + count (its log splits them)",
                "vision's commit + relay → marked sent", "→ upload-service's consumer takes it",
                "→ benchmark sees detected_count (its poll: 25 ms)", "whole job"};
        List<long[]> rows = new ArrayList<>();
        try (var upload = java.sql.DriverManager.getConnection(pg + "upload", "upload", "upload-dev");
             var vision = java.sql.DriverManager.getConnection(pg + "vision", "vision", "vision-dev")) {
            for (CountJob job : jobs) {
                long[] uploadSide = queryMillis(upload, """
                        SELECT u.uploaded_at, o.sent_at, o.id::text FROM upload u
                        JOIN outbox_event o ON o.event_key = u.id::text AND o.topic = 'lecture-image.uploaded'
                        WHERE u.id = ?""", job.uploadId());
                String uploadedEvent = lastText;
                long[] visionSide = queryMillis(vision, """
                        SELECT p.processed_at, c.counted_at, o.sent_at, c.duration_ms, o.id::text FROM processed_event p
                        JOIN people_count c ON c.upload_id = ?
                        JOIN outbox_event o ON o.event_key = c.upload_id::text AND o.topic = 'people.counted'
                        WHERE p.consumer = 'count-people' AND p.event_id = ?::uuid
                        ORDER BY o.created_at DESC LIMIT 1""", job.uploadId(), uploadedEvent);
                String countedEvent = lastText;
                long[] answered = queryMillis(upload, """
                        SELECT processed_at FROM processed_event WHERE consumer = 'people-counted' AND event_id = ?::uuid""",
                        countedEvent);
                rows.add(new long[] {uploadSide[0] - job.sentAt(), uploadSide[1] - uploadSide[0],
                        visionSide[0] - uploadSide[1], visionSide[1] - visionSide[0], visionSide[2] - visionSide[1],
                        answered[0] - visionSide[2], job.seenAt() - answered[0], job.ms()});
            }
        }
        System.out.println("| hop | ms |");
        System.out.println("|---|---|");
        for (int hop = 0; hop < names.length; hop++) {
            int column = hop;
            long[] values = rows.stream().mapToLong(r -> r[column]).sorted().toArray();
            System.out.printf("| %s | %d (%d–%d) |%n", names[hop], values[values.length / 2], values[0],
                    values[values.length - 1]);
        }
    }

    private static String lastText;

    /** The row's timestamp columns as epoch ms, and a long column as is; a trailing text column goes to {@link #lastText}. */
    private static long[] queryMillis(java.sql.Connection db, String sql, Object... parameters) throws Exception {
        try (var query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (var row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no row for " + Arrays.toString(parameters) + ": " + sql);
                }
                int columns = row.getMetaData().getColumnCount();
                long[] values = new long[columns];
                for (int i = 1; i <= columns; i++) {
                    Object value = row.getObject(i);
                    if (value instanceof java.sql.Timestamp time) {
                        values[i - 1] = time.getTime();
                    } else if (value instanceof Number number) {
                        values[i - 1] = number.longValue();
                    } else {
                        lastText = String.valueOf(value);
                    }
                }
                return values;
            }
        }
    }

    /** One upscaling job: as the benchmark saw it, and the model's time the service recorded (inference_ms). */
    record UpscaleJob(long ms, long modelMs) {
    }

    private static UpscaleJob upscaleJob(String url, String token, Path file, UpscaleModel model) throws Exception {
        String contentType = file.toString().endsWith(".png") ? "image/png" : "image/jpeg";
        Multipart body = new Multipart().field("model", model.id()).file("file", file, contentType);
        long started = System.nanoTime();
        JsonNode submitted = send(HttpRequest.newBuilder(URI.create(url + "/upscale"))
                .header("Authorization", "Bearer " + token).header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())), 200);
        String id = submitted.path("id").asText();
        while (true) {
            for (JsonNode photo : send(HttpRequest.newBuilder(URI.create(url + "/photos?limit=20"))
                    .header("Authorization", "Bearer " + token).GET(), 200)) {
                if (photo.path("id").asText().equals(id)) {
                    String status = photo.path("status").asText();
                    if (status.equals("completed")) {
                        return new UpscaleJob((System.nanoTime() - started) / 1_000_000, photo.path("inference_ms").asLong());
                    }
                    if (status.equals("failed")) {
                        throw new IllegalStateException("job " + id + " failed: " + photo.path("failure_reason"));
                    }
                }
            }
            Thread.sleep(100);
        }
    }

    private static CountJob countJob(String url, String token, Path file) throws Exception {
        byte[] image = Files.readAllBytes(file);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String key = UUID.randomUUID().toString();
        String signed = String.join("\n", "v2", timestamp, key, "", "0",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(System.getenv().getOrDefault("LV_UPLOAD_HMAC_SECRET", "dev-only-hmac-secret")
                .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v2=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        Multipart body = new Multipart().field("people_count", "0")
                .file("file", file, file.toString().endsWith(".png") ? "image/png" : "image/jpeg");
        long sentAt = System.currentTimeMillis();
        JsonNode upload = send(HttpRequest.newBuilder(URI.create(url + "/upload"))
                .header("Authorization", "Bearer " + token).header("X-Timestamp", timestamp)
                .header("X-Signature", signature).header("Idempotency-Key", key)
                .header("Content-Type", body.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())), 200);
        String id = upload.path("id").asText();
        while (true) {
            JsonNode now = send(HttpRequest.newBuilder(URI.create(url + "/uploads/" + id))
                    .header("Authorization", "Bearer " + token).GET(), 200);
            String status = now.path("count_status").asText();
            if (status.equals("done")) {
                return new CountJob(Long.parseLong(id), sentAt, System.currentTimeMillis());
            }
            if (!status.equals("pending")) {
                throw new IllegalStateException("upload " + id + " count_status " + status);
            }
            Thread.sleep(25);
        }
    }

    private static String login(String edge) throws Exception {
        String credentials = JSON.writeValueAsString(Map.of(
                "email", System.getenv().getOrDefault("LV_ADMIN_EMAIL", "admin@lecturevision.local"),
                "password", System.getenv().getOrDefault("LV_ADMIN_PASSWORD", "admin-dev-password")));
        return send(HttpRequest.newBuilder(URI.create(edge + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials)), 200).path("access_token").asText();
    }

    private static JsonNode send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A multipart/form-data body. */
    static final class Multipart {
        private final String boundary = "lv-bench-" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Multipart file(String name, Path file, String contentType) throws IOException {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            out.write(Files.readAllBytes(file));
            write("\r\n");
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            write("--" + boundary + "--\r\n");
            return out.toByteArray();
        }

        private void write(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---------------------------------------------------------------- shared

    private static Map<UpscaleModel, EsrganModel> build(List<UpscaleModel> upscalers) throws IOException {
        TensorFlowDevice device = new TensorFlowDevice(config());
        Map<UpscaleModel, EsrganModel> built = new java.util.EnumMap<>(UpscaleModel.class);
        for (UpscaleModel model : upscalers) {
            Path json = models.resolve(model.packageDir().orElseThrow()).resolve("models/x2/model.json");
            built.put(model, EsrganModel.build(TfjsLayersModel.read(json, JSON), model.pixelRange(), 2, device.spec(),
                    device.sessionConfig()));
        }
        return built;
    }

    /** The service's configuration: every value its default, the models where the fetch script put them. */
    private static VisionConfig config() {
        return defaults(VisionConfig.class);
    }

    @SuppressWarnings("unchecked")
    private static <T> T defaults(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("modelsDir")) {
                return models;
            }
            if (method.getName().equals("minScore") && minScoreOverride != null) {
                return minScoreOverride;
            }
            if (method.getReturnType().isInterface() && method.getReturnType().getName().startsWith(VisionConfig.class.getName())) {
                return defaults(method.getReturnType());
            }
            return parse(method, method.getAnnotation(WithDefault.class));
        });
    }

    private static Object parse(Method method, WithDefault value) {
        if (value == null) {
            throw new IllegalStateException(method + " has no default");
        }
        String text = value.value();
        Class<?> type = method.getReturnType();
        if (type == int.class) return Integer.parseInt(text);
        if (type == long.class) return Long.parseLong(text);
        if (type == float.class) return Float.parseFloat(text);
        if (type == double.class) return Double.parseDouble(text);
        if (type == List.class) return List.of(text.split(","));
        return text;
    }

    private static float[] pixels(BufferedImage image) {
        int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        float[] rgb = new float[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[i * 3] = (argb[i] >> 16) & 0xFF;
            rgb[i * 3 + 1] = (argb[i] >> 8) & 0xFF;
            rgb[i * 3 + 2] = argb[i] & 0xFF;
        }
        return rgb;
    }

    private static long timed(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(Supplier<Long> measure) {
        long[] runs = {measure.get(), measure.get(), measure.get()};
        Arrays.sort(runs);
        return runs[1];
    }

    private static long once(Supplier<Long> measure) {
        return measure.get();
    }

    private static Path write(BufferedImage image, String name, String format) throws IOException {
        Path file = work.resolve(name);
        ImageIO.write(image, format, file.toFile());
        return file;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
