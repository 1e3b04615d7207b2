package io.lecturevision.common.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits a REST method: at most {@link #limit()} requests per {@link #windowSeconds()} for each key;
 * beyond it the caller gets 429 with {@code Retry-After}. Several keys may be named: each is limited
 * on its own (e.g. per token and per client IP).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {

    /** Bucket name, shared by methods that should share a budget. */
    String name();

    int limit();

    int windowSeconds() default 60;

    Key[] keys() default Key.CLIENT_IP;

    enum Key {
        /** The client's address (X-Forwarded-For from trusted proxies, as Quarkus resolves it). */
        CLIENT_IP,
        /** The token's subject; requests without a token fall back to the client IP. */
        SUBJECT
    }
}
