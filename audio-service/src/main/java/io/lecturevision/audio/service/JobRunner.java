package io.lecturevision.audio.service;

import io.lecturevision.audio.AnalysisJob;
import io.lecturevision.audio.AnalysisJob.Step;
import io.lecturevision.audio.client.AnalysisServer;
import io.lecturevision.audio.client.AnalysisServer.AnalysisRequest;
import io.lecturevision.audio.config.AudioConfig;
import io.lecturevision.audio.config.SelfUrls;
import io.lecturevision.common.storage.ObjectStorage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a job's background steps: store the recording in S3, then ask the analysis server (which
 * answers later through the webhook). Steps left behind by a stopped instance are taken over
 * (at start and every minute) or failed with the reason.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final JobService jobs;
    private final ObjectStorage storage;
    private final AnalysisServer analysisServer;
    private final SelfUrls urls;
    private final AudioConfig config;
    private final Clock clock;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "audio-job");
        thread.setDaemon(true);
        return thread;
    });

    public JobRunner(JobService jobs, ObjectStorage storage, AnalysisServer analysisServer, SelfUrls urls,
                     AudioConfig config, Clock clock) {
        this.jobs = jobs;
        this.storage = storage;
        this.analysisServer = analysisServer;
        this.urls = urls;
        this.config = config;
        this.clock = clock;
    }

    /** Starts a job's background work (after the request that created it has committed). */
    public void start(UUID id) {
        workers.execute(() -> run(id));
    }

    void run(UUID id) {
        try {
            AnalysisJob job = jobs.find(id).orElse(null);
            if (job == null || job.finished()) {
                return;
            }
            switch (job.step) {
                case received:
                    if (!jobs.advance(id, Step.received, Step.storing, 40, JobService.STORING)) {
                        return;
                    }
                    // fall through: the recording is stored next
                case storing:
                    store(job);
                    if (!jobs.advance(id, Step.storing, Step.requesting, 70, JobService.REQUESTING)) {
                        return;
                    }
                    // fall through
                case requesting:
                    request(job);
                    jobs.advance(id, Step.requesting, Step.analysing, 80, JobService.ANALYSING);
                    break;
                default:
                    break;
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Analysis job %s failed in the background", id);
            jobs.fail(id, reason(e));
        }
    }

    private void store(AnalysisJob job) {
        if (job.spoolPath == null) {
            return;
        }
        Path spool = Path.of(job.spoolPath);
        try {
            storage.put(job.objectKey, job.contentType, spool);
        } catch (RuntimeException e) {
            throw new JobFailure("Could not store the recording: " + e.getMessage(), e);
        }
        jobs.stored(job.id);
        deleteQuietly(spool);
    }

    private void request(AnalysisJob job) {
        AnalysisRequest request = new AnalysisRequest(storage.presignGet(job.objectKey, config.presignTtl()),
                webhookUrl(job.id), job.id.toString(), jobs.text(job));
        analysisServer.submit(request);
    }

    private java.net.URI webhookUrl(UUID id) {
        java.net.URI base = urls.webhook();
        String separator = base.getRawQuery() == null ? "?" : "&";
        return java.net.URI.create(base + separator + "job_id=" + id);
    }

    /** Takes over steps that stopped moving (their instance stopped), or fails them when that is all one can do. */
    @Scheduled(every = "${lv.audio.recovery-interval:60s}", delayed = "${lv.audio.recovery-delay:0s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void recoverStale() {
        Instant before = clock.instant().minus(config.staleStepAfter());
        for (Step step : new Step[] {Step.received, Step.storing, Step.requesting}) {
            for (AnalysisJob stale : jobs.stale(step, before)) {
                jobs.claimStale(stale.id, step, stale.stepStartedAt).ifPresent(this::resume);
            }
        }
    }

    private void resume(AnalysisJob job) {
        if (job.attempts > config.maxAttempts()) {
            jobs.fail(job.id, "Gave up after " + config.maxAttempts() + " attempts at step " + job.step);
            return;
        }
        if (job.spoolPath != null && !Files.isReadable(Path.of(job.spoolPath))) {
            jobs.fail(job.id, "The recording was lost: the instance that received it stopped before storing it. "
                    + "Upload it again");
            return;
        }
        LOG.infof("Resuming analysis job %s at step %s (attempt %d)", job.id, job.step, job.attempts);
        start(job.id);
    }

    @Scheduled(every = "${lv.audio.timeout-check-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failOverdue() {
        jobs.failOverdue();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    void started(@Observes StartupEvent event) throws IOException {
        Files.createDirectories(config.spoolDir());
    }

    private static String reason(RuntimeException e) {
        if (e instanceof JobFailure || e instanceof AnalysisServer.AnalysisRejected) {
            return e.getMessage();
        }
        if (e instanceof CircuitBreakerOpenException) {
            return "The analysis server is unavailable (it kept failing; calls are paused for a while)";
        }
        if (e instanceof TimeoutException) {
            return "The analysis server did not answer in time, also after retries";
        }
        if (e instanceof AnalysisServer.AnalysisUnavailable) {
            return e.getMessage() + ", also after retries";
        }
        return "The analysis server could not be reached, also after retries (" + e.getClass().getSimpleName() + ")";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete spooled upload %s: %s", file, e.getMessage());
        }
    }

    /** A step failed for a reason the client should read as it is. */
    static class JobFailure extends RuntimeException {
        JobFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
