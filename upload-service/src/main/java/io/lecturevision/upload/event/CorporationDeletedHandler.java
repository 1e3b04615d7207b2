package io.lecturevision.upload.event;

import io.lecturevision.common.event.EventContracts;
import io.lecturevision.common.event.EventEnvelope;
import io.lecturevision.common.event.EventHandler;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.CorporationDeleted;
import io.lecturevision.upload.UploadClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * A deleted corporation's cameras stop uploading: its upload clients are removed (their secrets go with
 * them, so a signed request from one answers 401). Its uploads stay, visible to platform admins only,
 * since every user of the corporation was deactivated by auth-service.
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
        long removed = UploadClient.delete("corporationId", deleted.corporationId());
        LOG.infof("Corporation %s deleted: %d upload client(s) removed", deleted.corporationId(), removed);
    }
}
