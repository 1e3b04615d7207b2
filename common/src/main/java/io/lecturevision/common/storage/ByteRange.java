package io.lecturevision.common.storage;

/** An inclusive byte range already resolved against the object's size. */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid byte range " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }

    String header() {
        return "bytes=" + first + "-" + last;
    }
}
