package io.lecturevision.auth;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Seed 002's user names in any script: letters, digits, marks, {@code _.@-} and spaces between
 * them (not at either end); 3 to 50 characters long. Stored in NFC and compared by {@link #key}, the NFC form
 * lower-cased with Java's Unicode rules, so that "Hong" and "hong" (or "Ä" and "ä") are one name
 * whatever the database's locale.
 */
public final class UserNames {

    public static final String RULE = "must be letters, digits, spaces inside, or _.@-";

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{N}_.@-](?:[\\p{L}\\p{M}\\p{N}_.@ -]*[\\p{L}\\p{M}\\p{N}_.@-])?");

    private UserNames() {
    }

    public static String normalize(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    public static String key(String name) {
        return normalize(name).toLowerCase(Locale.ROOT);
    }

    /** Whether the name's characters are allowed; its length (3 to 50) is checked where it arrives, as pydantic does. */
    public static boolean isValid(String name) {
        return ALLOWED.matcher(normalize(name)).matches();
    }
}
