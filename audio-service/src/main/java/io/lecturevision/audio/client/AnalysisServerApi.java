package io.lecturevision.audio.client;

import io.lecturevision.audio.service.WebhookSignatures;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The analysis server's one route (TARGET_SERVER_URL, seed 004's contract plus the signature headers). */
public interface AnalysisServerApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response analyze(@HeaderParam(WebhookSignatures.TIMESTAMP_HEADER) String timestamp,
                     @HeaderParam(WebhookSignatures.SIGNATURE_HEADER) String signature, byte[] body);
}
