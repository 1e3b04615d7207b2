package io.lecturevision.common.request;

import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id of the current request (MDC key {@value #MDC_KEY}), as logged and sent on. */
public final class RequestIds {

    public static final String HEADER = "X-Request-ID";
    public static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {
    }

    /** The id in scope, or null outside a request or event. */
    public static String current() {
        Object value = MDC.get(MDC_KEY);
        return value == null ? null : value.toString();
    }

    /** The client's id when it is a sane token, a new UUID otherwise (ids end up in logs and headers). */
    public static String acceptOrCreate(String fromClient) {
        if (fromClient != null && ACCEPTED.matcher(fromClient).matches()) {
            return fromClient;
        }
        return UUID.randomUUID().toString();
    }
}
