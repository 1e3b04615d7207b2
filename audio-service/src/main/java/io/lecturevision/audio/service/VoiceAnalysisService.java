package io.lecturevision.audio.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.audio.analysis.AnalysisReport;
import io.lecturevision.audio.analysis.AudioAnalyzer;
import io.lecturevision.audio.analysis.PocketSphinx;
import io.lecturevision.audio.analysis.SpeechRecognizer;
import io.lecturevision.audio.config.AnalysisServerConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The built-in analysis server's work: download the recording from its presigned URL, measure it,
 * and deliver the signed result to the webhook (retried with backoff). Analyses run a few at a
 * time; more wait in line.
 */
@ApplicationScoped
public class VoiceAnalysisService {

    private static final Logger LOG = Logger.getLogger(VoiceAnalysisService.class);
    private static final int WEBHOOK_ATTEMPTS = 5;

    public record Request(URI audioUrl, URI webhookUrl, String jobId, String text) {
    }

    private final AnalysisServerConfig config;
    private final WebhookSignatures signatures;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService workers;
    private final SpeechRecognizer recognizer;

    public VoiceAnalysisService(AnalysisServerConfig config, WebhookSignatures signatures, ObjectMapper mapper) {
        this.config = config;
        this.signatures = signatures;
        this.mapper = mapper;
        AnalysisServerConfig.Recognizer engine = config.recognizer();
        this.recognizer = new PocketSphinx(engine.command(), Path.of(engine.modelDir()), engine.timeout(),
                engine.maxDuration());
        recognizer.unavailable().ifPresent(reason -> LOG.warnf("Transcripts are off: %s", reason));
        this.workers = new ThreadPoolExecutor(config.concurrency(), config.concurrency(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1000), runnable -> {
                    Thread thread = new Thread(runnable, "voice-analysis");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Queues the analysis; throws RejectedExecutionException when the line is full. */
    public void accept(Request request) {
        workers.execute(() -> run(request));
    }

    private void run(Request request) {
        Map<String, Object> body = new LinkedHashMap<>();
        Path file = null;
        long started = System.nanoTime();
        try {
            file = download(request.audioUrl());
            AnalysisReport report = AudioAnalyzer.analyse(file, contentType(file), request.text(), config.maxDuration(),
                    config.longPause(), recognizer);
            body.put("analysis_results", report);
            LOG.infof("Analysed job %s: %.1f s of audio in %d ms", request.jobId(), report.durationSeconds(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (AudioAnalyzer.UnreadableAudio e) {
            body.put("error", e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "Analysis of job %s failed", request.jobId());
            body.put("error", "Analysis failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.debugf("cannot delete %s", file);
                }
            }
        }
        deliver(request, body);
    }

    private Path download(URI url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET()
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        long limit = config.maxDownload().asLongValue();
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("download answered HTTP " + response.statusCode());
            }
            if (response.headers().firstValueAsLong("Content-Length").orElse(0) > limit) {
                throw new IOException("recording larger than " + limit + " bytes");
            }
            Path file = Files.createTempFile("lv-analysis-", ".audio");
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] chunk = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = in.read(chunk)) > 0) {
                    total += n;
                    if (total > limit) {
                        throw new IOException("recording larger than " + limit + " bytes");
                    }
                    out.write(chunk, 0, n);
                }
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return file;
        }
    }

    private static String contentType(Path file) throws IOException {
        byte[] head = new byte[AudioFormats.SNIFF_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            return AudioFormats.detect(java.util.Arrays.copyOf(head, n)).map(AudioFormats.Format::contentType)
                    .orElse("application/octet-stream");
        }
    }

    /** Signs and posts the result; retried with exponential backoff while the service answers 5xx or not at all. */
    private void deliver(Request request, Map<String, Object> body) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long delay = 500;
        for (int attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt++) {
            WebhookSignatures.Signed signed = signatures.sign(request.jobId(), json);
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(request.webhookUrl())
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header(WebhookSignatures.TIMESTAMP_HEADER, signed.timestamp())
                        .header(WebhookSignatures.SIGNATURE_HEADER, signed.signature())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    if (response.statusCode() >= 300) {
                        LOG.warnf("Webhook of job %s refused: HTTP %d", request.jobId(), response.statusCode());
                    }
                    return;
                }
            } catch (IOException e) {
                LOG.debugf("Webhook of job %s: %s", request.jobId(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            delay = Math.min(delay * 2, 30_000);
        }
        LOG.warnf("Gave up delivering the result of job %s after %d attempts", request.jobId(), WEBHOOK_ATTEMPTS);
    }

    void stop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
    }
}
