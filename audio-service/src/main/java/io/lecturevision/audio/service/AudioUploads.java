package io.lecturevision.audio.service;

import io.lecturevision.audio.AnalysisJob;
import io.lecturevision.audio.config.AudioConfig;
import io.lecturevision.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.UUID;

/** Takes a recording for a token: checks it, keeps it on local disk, creates its job and starts the background work. */
@ApplicationScoped
public class AudioUploads {

    private static final Logger LOG = Logger.getLogger(AudioUploads.class);

    private final JobService jobs;
    private final JobRunner runner;
    private final CatalogService catalog;
    private final AudioConfig config;

    public AudioUploads(JobService jobs, JobRunner runner, CatalogService catalog, AudioConfig config) {
        this.jobs = jobs;
        this.runner = runner;
        this.catalog = catalog;
        this.config = config;
    }

    public AnalysisJob submit(Caller caller, long tokenId, Path upload, long size) {
        catalog.token(caller, tokenId);
        long limit = config.maxUpload().asLongValue();
        if (size > limit) {
            throw new ApiException(413, "Recording too large (limit " + limit + " bytes)");
        }
        if (size == 0) {
            throw new ApiException(422, "The recording is empty");
        }
        AudioFormats.Format format = AudioFormats.detect(head(upload)).orElseThrow(() ->
                new ApiException(415, "Only WAV, FLAC, MP3 and OGG recordings are accepted (checked by content)"));
        UUID id = UUID.randomUUID();
        Path spool = config.spoolDir().resolve(id + "." + format.extension());
        try {
            Files.createDirectories(config.spoolDir());
            Files.move(upload, spool, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the upload for the background work", e);
        }
        AnalysisJob job;
        try {
            job = jobs.create(caller, tokenId, id, format, size, spool.toString());
        } catch (RuntimeException e) {
            deleteQuietly(spool);
            throw e;
        }
        LOG.infof("Analysis job %s: %s recording of %d bytes for token %d by %s", id, format.contentType(), size,
                tokenId, caller.userId());
        runner.start(id);
        return job;
    }

    private static byte[] head(Path file) {
        byte[] head = new byte[AudioFormats.SNIFF_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.copyOf(head, in.readNBytes(head, 0, head.length));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the uploaded file", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete %s: %s", file, e.getMessage());
        }
    }
}
