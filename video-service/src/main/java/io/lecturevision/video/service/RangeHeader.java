package io.lecturevision.video.service;

import io.lecturevision.common.storage.ByteRange;

import java.util.Optional;

/**
 * A {@code Range} request header (RFC 9110 §14) for an object of a known size. One range is served;
 * a header that is malformed or asks for several ranges is ignored (the whole object is sent), as the
 * RFC allows. A range that starts past the end is unsatisfiable (416).
 */
public final class RangeHeader {

    private RangeHeader() {
    }

    public static final class Unsatisfiable extends RuntimeException {
        public Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6) || value.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = value.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                if (suffix <= 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(spec.substring(0, dash));
            String end = spec.substring(dash + 1);
            long last = end.isEmpty() ? Long.MAX_VALUE : Long.parseLong(end);
            if (first < 0 || last < first) {
                return Optional.empty();
            }
            if (first >= size) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
