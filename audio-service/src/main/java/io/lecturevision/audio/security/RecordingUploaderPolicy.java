package io.lecturevision.audio.security;

import io.agroal.api.AgroalDataSource;
import io.lecturevision.common.error.ErrorResponse;
import io.lecturevision.common.security.Callers;
import io.lecturevision.common.security.RefusedUploads;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may send a recording to {@code POST /tokens/{id}/upload-audio} (up to 100 MB of multipart, which Quarkus
 * REST spools to disk before the resource runs): a member of the token's corporation. Applied on the HTTP
 * route (application.properties, {@code /tokens/*}; every other request of those paths passes on to the
 * resources' own checks), so a caller without a token is answered 401, one of no corporation 403 and one
 * outside the token's corporation 404 (as for a token that does not exist) after the headers, not after the
 * body (RefusedUploads: a large body is not read, a small one is). The resource checks the same again.
 */
@ApplicationScoped
public class RecordingUploaderPolicy implements HttpSecurityPolicy {

    public static final String NAME = "recording-uploader";
    private static final Pattern UPLOAD = Pattern.compile("/tokens/(\\d{1,18})/upload-audio");

    private final AgroalDataSource dataSource;

    public RecordingUploaderPolicy(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                                            AuthorizationRequestContext requestContext) {
        Matcher upload = UPLOAD.matcher(request.normalizedPath());
        if (request.request().method() != HttpMethod.POST || !upload.matches()) {
            return Uni.createFrom().item(CheckResult.PERMIT);
        }
        long tokenId = Long.parseLong(upload.group(1));
        return identity.onFailure().invoke(refused -> RefusedUploads.afterRefusal(request)).chain(caller -> {
            if (caller.isAnonymous()) {
                return refuse(request, new Refused(401, "Not authenticated"));
            }
            Optional<UUID> corporation = Callers.corporationId(caller);
            if (corporation.isEmpty()) {
                return RefusedUploads.beforeRefusing(request).replaceWith(CheckResult.DENY);
            }
            return Uni.createFrom().item(() -> tokenOf(tokenId, corporation.get()))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(found -> found ? Uni.createFrom().item(CheckResult.PERMIT)
                            : refuse(request, new Refused(404, "Token not found")));
        });
    }

    private static Uni<CheckResult> refuse(RoutingContext request, Refused refusal) {
        return RefusedUploads.beforeRefusing(request).chain(drained -> Uni.createFrom().failure(refusal));
    }

    private boolean tokenOf(long tokenId, UUID corporation) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT 1 FROM token WHERE id = ? AND corporation_id = ?")) {
            query.setLong(1, tokenId);
            query.setObject(2, corporation);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up token " + tokenId, e);
        }
    }

    /**
     * A refusal answered in FastAPI's shape by {@link #answerRefusal}, as the resource would: 401 without a
     * token (a plain DENY would be Quarkus' challenge with an empty body), 404 for a token outside the
     * caller's corporation or none.
     */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }
    }

    void answerRefusal(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 200).failureHandler(failed -> {
            if (failed.failure() instanceof Refused refused && !failed.response().ended()) {
                failed.response().setStatusCode(refused.status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
                if (refused.status == 401) {
                    failed.response().putHeader("WWW-Authenticate", "Bearer");
                }
                failed.response().end(Json.encode(new ErrorResponse(refused.getMessage())));
            } else {
                failed.next();
            }
        });
    }

    @Override
    public String name() {
        return NAME;
    }
}
