package io.lecturevision.common.storage;

/** What the store knows of an object without reading it. */
public record StoredObject(String key, long size, String contentType, String eTag) {
}
