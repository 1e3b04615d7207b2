package io.lecturevision.upload.event;

import io.lecturevision.common.event.ContractViolation;
import io.lecturevision.common.event.EventContracts;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.EventHandler;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.PeopleCounted;
import io.lecturevision.upload.Upload;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Records the vision service's head count on the upload (runs once per event, in the consumer's transaction). */
@ApplicationScoped
public class PeopleCountedHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(PeopleCountedHandler.class);

    private final EventContracts contracts;

    public PeopleCountedHandler(EventContracts contracts) {
        this.contracts = contracts;
    }

    @Override
    public String topic() {
        return Contracts.PEOPLE_COUNTED;
    }

    @Override
    public String name() {
        return "people-counted";
    }

    @Override
    public void handle(EventEnvelope event) {
        PeopleCounted counted = contracts.read(event, PeopleCounted.class);
        boolean done = counted.status() == PeopleCounted.Status.DONE;
        if (done && counted.detectedCount() == null) {
            throw new ContractViolation("people.counted done without a detectedCount");
        }
        Upload upload = Upload.findById(counted.uploadId());
        if (upload == null) {
            LOG.warnf("people.counted for unknown upload %d (event %s): ignored", counted.uploadId(), event.id());
            return;
        }
        upload.countStatus = done ? Upload.DONE : Upload.FAILED;
        upload.detectedCount = done ? counted.detectedCount() : null;
        upload.countModel = counted.model();
        LOG.infof("Upload %d counted by %s: %s people (camera said %d)", upload.id, counted.model(),
                upload.detectedCount, upload.peopleCount);
    }
}
