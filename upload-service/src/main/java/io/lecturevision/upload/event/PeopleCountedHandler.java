package io.lecturevision.upload.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.EventHandler;
import io.lecturevision.upload.Upload;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Set;

/** Records the vision service's head count on the upload (runs once per event, in the consumer's transaction). */
@ApplicationScoped
public class PeopleCountedHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(PeopleCountedHandler.class);
    private static final Set<String> STATUSES = Set.of(Upload.DONE, Upload.FAILED);

    private final ObjectMapper mapper;

    public PeopleCountedHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String topic() {
        return UploadEvents.PEOPLE_COUNTED;
    }

    @Override
    public String name() {
        return "people-counted";
    }

    @Override
    public void handle(EventEnvelope event) throws Exception {
        UploadEvents.PeopleCounted counted = mapper.treeToValue(event.data(), UploadEvents.PeopleCounted.class);
        if (!STATUSES.contains(counted.status())) {
            throw new IllegalArgumentException("people.counted status must be done or failed, was " + counted.status());
        }
        if (Upload.DONE.equals(counted.status()) && (counted.detectedCount() == null || counted.detectedCount() < 0)) {
            throw new IllegalArgumentException("people.counted done without a valid detectedCount");
        }
        Upload upload = Upload.findById(counted.uploadId());
        if (upload == null) {
            LOG.warnf("people.counted for unknown upload %d (event %s): ignored", counted.uploadId(), event.id());
            return;
        }
        upload.countStatus = counted.status();
        upload.detectedCount = Upload.DONE.equals(counted.status()) ? counted.detectedCount() : null;
        upload.countModel = counted.model();
        LOG.infof("Upload %d counted by %s: %s people (camera said %d)", upload.id, counted.model(),
                upload.detectedCount, upload.peopleCount);
    }
}
