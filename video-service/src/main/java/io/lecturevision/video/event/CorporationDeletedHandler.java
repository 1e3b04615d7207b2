package io.lecturevision.video.event;

import io.lecturevision.common.event.EventContracts;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.EventHandler;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.CorporationDeleted;
import io.lecturevision.video.Video;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * A deleted corporation's videos are soft-deleted at once: lists, streams and signed playback URLs
 * already handed out answer 404 from then on. The objects stay in the store for an operator to purge.
 */
@ApplicationScoped
public class CorporationDeletedHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(CorporationDeletedHandler.class);

    private final EventContracts contracts;

    public CorporationDeletedHandler(EventContracts contracts) {
        this.contracts = contracts;
    }

    @Override
    public String topic() {
        return Contracts.CORPORATION_DELETED;
    }

    @Override
    public String name() {
        return "corporation-deleted";
    }

    @Override
    public void handle(EventEnvelope event) {
        CorporationDeleted deleted = contracts.read(event, CorporationDeleted.class);
        int hidden = Video.update("deleted = true, updatedAt = ?1 where corporationId = ?2 and deleted = false",
                event.occurredAt(), deleted.corporationId());
        LOG.infof("Corporation %s deleted: %d video(s) soft-deleted", deleted.corporationId(), hidden);
    }
}
