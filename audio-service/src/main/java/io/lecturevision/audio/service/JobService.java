package io.lecturevision.audio.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.lecturevision.audio.AnalysisJob;
import io.lecturevision.audio.AnalysisJob.Step;
import io.lecturevision.audio.Token;
import io.lecturevision.audio.config.AudioConfig;
import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.event.Outbox;
import io.lecturevision.common.event.contract.AudioAnalysisCompleted;
import io.lecturevision.common.event.contract.AudioAnalysisFailed;
import io.lecturevision.common.event.contract.Contracts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The state of analysis jobs. Every change of a job's status, progress or message is also written
 * as a numbered event (the SSE stream, replayable) and announced with PostgreSQL NOTIFY on
 * {@link #CHANNEL}, delivered to every instance when the change commits.
 */
@ApplicationScoped
public class JobService {

    public static final String CHANNEL = "audio_job_progress";

    static final String RECEIVED = "업로드 완료, 백그라운드에서 처리됩니다.";
    static final String STORING = "S3 업로드 중...";
    static final String REQUESTING = "분석 서버 요청 중...";
    static final String ANALYSING = "분석 중...";
    static final String COMPLETED = "분석 완료";

    private static final Logger LOG = Logger.getLogger(JobService.class);

    /** One progress change of a job, as stored and streamed. */
    public record JobEvent(UUID jobId, int seq, String status, int progress, String message, String result) {
        public boolean last() {
            return !AnalysisJob.PROCESSING.equals(status);
        }
    }

    private final CatalogService catalog;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final AgroalDataSource dataSource;
    private final AudioConfig config;
    private final Clock clock;

    public JobService(CatalogService catalog, Outbox outbox, ObjectMapper mapper, AgroalDataSource dataSource,
                      AudioConfig config, Clock clock) {
        this.catalog = catalog;
        this.outbox = outbox;
        this.mapper = mapper;
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public AnalysisJob create(Caller caller, long tokenId, UUID id, AudioFormats.Format format, long size, String spoolPath) {
        Token token = catalog.token(caller, tokenId);
        AnalysisJob job = new AnalysisJob();
        job.id = id;
        job.tokenId = token.id;
        job.corporationId = caller.corporationId();
        job.requestedBy = caller.userId();
        job.status = AnalysisJob.PROCESSING;
        job.step = Step.received;
        job.contentType = format.contentType();
        job.sizeBytes = size;
        job.objectKey = "recordings/" + caller.corporationId() + "/" + id + "." + format.extension();
        job.spoolPath = spoolPath;
        job.attempts = 1;
        job.createdAt = now();
        job.updatedAt = job.createdAt;
        job.stepStartedAt = job.createdAt;
        job.progress = 10;
        job.message = RECEIVED;
        job.persist();
        record(job);
        return job;
    }

    /** A job of the caller's corporation; 404 otherwise. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AnalysisJob find(Caller caller, String jobId) {
        AnalysisJob job = parse(jobId).map(id -> AnalysisJob.<AnalysisJob>findById(id)).orElse(null);
        if (job == null || !job.corporationId.equals(caller.corporationId())) {
            throw ApiException.notFound("Analysis job not found");
        }
        return job;
    }

    @Transactional
    public Optional<AnalysisJob> find(UUID id) {
        return AnalysisJob.findByIdOptional(id);
    }

    /** The line a job's recording is read against. */
    @Transactional
    public String text(AnalysisJob job) {
        Token token = Token.findById(job.tokenId);
        return token == null ? "" : token.text();
    }

    /** Moves a job from one step to the next, unless it has finished or another worker moved it already. */
    @Transactional
    public boolean advance(UUID id, Step from, Step to, int progress, String message) {
        AnalysisJob job = lock(id);
        if (job == null || job.finished() || job.step != from) {
            return false;
        }
        job.step = to;
        job.attempts = 1;
        job.stepStartedAt = now();
        job.progress = progress;
        job.message = message;
        record(job);
        return true;
    }

    @Transactional
    public void stored(UUID id) {
        AnalysisJob job = lock(id);
        if (job != null) {
            job.spoolPath = null;
        }
    }

    /**
     * Takes over a step left by a stopped instance: only one caller wins (the step's start time is
     * compared and moved), and the step counts one more attempt.
     */
    @Transactional
    public Optional<AnalysisJob> claimStale(UUID id, Step step, Instant startedAt) {
        AnalysisJob job = lock(id);
        if (job == null || job.finished() || job.step != step || !job.stepStartedAt.equals(startedAt)) {
            return Optional.empty();
        }
        job.attempts++;
        job.stepStartedAt = now();
        job.updatedAt = job.stepStartedAt;
        return Optional.of(job);
    }

    @Transactional
    public List<AnalysisJob> stale(Step step, Instant startedBefore) {
        return AnalysisJob.list("status = ?1 and step = ?2 and stepStartedAt < ?3", AnalysisJob.PROCESSING, step,
                startedBefore);
    }

    /** Fails a job that is still processing; a finished job is left as it is. */
    @Transactional
    public boolean fail(UUID id, String reason) {
        AnalysisJob job = lock(id);
        if (job == null || job.finished()) {
            return false;
        }
        finish(job, AnalysisJob.FAILED, job.progress, reason, null);
        outbox.emit(Contracts.AUDIO_ANALYSIS_FAILED, id.toString(), new AudioAnalysisFailed(id, job.tokenId, job.corporationId,
                job.requestedBy, reason, job.finishedAt));
        LOG.infof("Analysis job %s failed: %s", id, reason);
        return true;
    }

    /** What the webhook did to a job. */
    public enum WebhookOutcome { APPLIED, ALREADY_APPLIED }

    /**
     * Applies a webhook delivery: the results (or the server's error) finish the job. The same
     * delivery again changes nothing; a different one for a finished job is a conflict.
     */
    @Transactional
    public WebhookOutcome applyWebhook(String jobId, JsonNode results, String error) {
        AnalysisJob job = parse(jobId).map(this::lock)
                .orElseThrow(() -> ApiException.notFound("Analysis job not found"));
        String reason = error == null ? null : "The analysis server reported an error: " + error;
        if (job.finished()) {
            boolean same = results != null ? AnalysisJob.COMPLETED.equals(job.status) && results.equals(tree(job.result))
                    : AnalysisJob.FAILED.equals(job.status) && reason.equals(job.message);
            if (same) {
                return WebhookOutcome.ALREADY_APPLIED;
            }
            throw ApiException.conflict("The analysis job has already " + job.status + " with a different result");
        }
        if (results == null) {
            fail(job.id, reason);
            return WebhookOutcome.APPLIED;
        }
        finish(job, AnalysisJob.COMPLETED, 100, COMPLETED, json(results));
        outbox.emit(Contracts.AUDIO_ANALYSIS_COMPLETED, job.id.toString(), new AudioAnalysisCompleted(job.id, job.tokenId,
                job.corporationId, job.requestedBy, results, job.finishedAt));
        LOG.infof("Analysis job %s completed", job.id);
        return WebhookOutcome.APPLIED;
    }

    /** Fails every job whose webhook has not come within the configured time; returns how many. */
    public int failOverdue() {
        Instant deadline = clock.instant().minus(config.webhookTimeout());
        int failed = 0;
        for (AnalysisJob job : stale(Step.analysing, deadline)) {
            if (fail(job.id, "No analysis result arrived within " + config.webhookTimeout().toMinutes()
                    + " min of the analysis server accepting the job")) {
                failed++;
            }
        }
        return failed;
    }

    /** A job's events after {@code seq}, in order: one query whoever asks. */
    public List<JobEvent> eventsAfter(UUID id, int seq) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT seq, status, progress, message, result FROM analysis_job_event
                     WHERE job_id = ? AND seq > ? ORDER BY seq""")) {
            select.setObject(1, id);
            select.setInt(2, seq);
            List<JobEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new JobEvent(id, rows.getInt(1), rows.getString(2), rows.getInt(3), rows.getString(4),
                            rows.getString(5)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the events of job " + id, e);
        }
    }

    public JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored result is not JSON", e);
        }
    }

    private void finish(AnalysisJob job, String status, int progress, String message, String result) {
        job.status = status;
        job.step = Step.done;
        job.progress = progress;
        job.message = message;
        job.result = result;
        job.finishedAt = now();
        job.spoolPath = null;
        record(job);
    }

    /** Writes the job's current state as its next event and announces it (delivered at commit). */
    private void record(AnalysisJob job) {
        job.lastEventSeq++;
        job.updatedAt = now();
        AnalysisJob.getEntityManager().flush();
        String message = job.message.length() > 1000 ? job.message.substring(0, 1000) : job.message;
        AnalysisJob.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO analysis_job_event (job_id, seq, status, progress, message, result, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                insert.setObject(1, job.id);
                insert.setInt(2, job.lastEventSeq);
                insert.setString(3, job.status);
                insert.setInt(4, job.progress);
                insert.setString(5, message);
                insert.setString(6, job.result);
                insert.setTimestamp(7, Timestamp.from(job.updatedAt));
                insert.executeUpdate();
                notify.setString(1, CHANNEL);
                notify.setString(2, job.id + ":" + job.lastEventSeq);
                notify.execute();
            }
        });
    }

    private AnalysisJob lock(UUID id) {
        return AnalysisJob.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.ofNullable(id).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
