package io.lecturevision.common.storage;

/**
 * A client's file name is only ever shown back, never used to name anything: this keeps the last
 * path component, drops control characters and caps the length.
 */
public final class ClientFileNames {

    private ClientFileNames() {
    }

    public static String forDisplay(String original, String fallback, int maxLength) {
        if (original == null) {
            return fallback;
        }
        String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").trim();
        if (name.isEmpty()) {
            return fallback;
        }
        return name.length() > maxLength ? name.substring(0, maxLength) : name;
    }
}
