package io.lecturevision.common.ratelimit;

import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.security.Callers;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Applies {@link RateLimited} before the resource method runs. */
public class RateLimitFilter {

    private static final Map<Method, Optional<RateLimited>> LIMITS = new ConcurrentHashMap<>();
    /** {@code lv.rate-limits.<name>.limit} overrides an annotation's limit (e.g. for load tests). */
    private static final Map<String, Optional<Integer>> CONFIGURED_LIMITS = new ConcurrentHashMap<>();
    /** {@code lv.rate-limits.<name>.window-seconds} overrides an annotation's window. */
    private static final Map<String, Optional<Integer>> CONFIGURED_WINDOWS = new ConcurrentHashMap<>();

    @Inject
    RateLimiter limiter;

    @Inject
    SecurityIdentity identity;

    @ServerRequestFilter
    public void limit(ResourceInfo resource, HttpServerRequest request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Optional<RateLimited> annotation = LIMITS.computeIfAbsent(method,
                m -> Optional.ofNullable(m.getAnnotation(RateLimited.class)));
        if (annotation.isEmpty()) {
            return;
        }
        RateLimited limit = annotation.get();
        int capacity = CONFIGURED_LIMITS.computeIfAbsent(limit.name(), name -> ConfigProvider.getConfig()
                .getOptionalValue("lv.rate-limits." + name + ".limit", Integer.class)).orElse(limit.limit());
        int windowSeconds = CONFIGURED_WINDOWS.computeIfAbsent(limit.name(), name -> ConfigProvider.getConfig()
                .getOptionalValue("lv.rate-limits." + name + ".window-seconds", Integer.class)).orElse(limit.windowSeconds());
        List<RateLimiter.Bucket> buckets = Arrays.stream(limit.keys())
                .map(key -> new RateLimiter.Bucket(limit.name() + ":" + key, keyValue(key, request))).toList();
        long retryAfter = limiter.tryAcquire(buckets, capacity, Duration.ofSeconds(windowSeconds)).values().stream()
                .filter(decision -> !decision.allowed())
                .mapToLong(RateLimiter.Decision::retryAfterSeconds).max().orElse(0);
        if (retryAfter > 0) {
            throw ApiException.tooManyRequests(retryAfter);
        }
    }

    private String keyValue(RateLimited.Key key, HttpServerRequest request) {
        if (key == RateLimited.Key.SUBJECT) {
            Optional<String> subject = Callers.userId(identity);
            if (subject.isPresent()) {
                return "sub:" + subject.get();
            }
        }
        return "ip:" + (request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
    }
}
