package io.aisprint.server.internal;

import java.security.SecureRandom;

/** Short random ids with a kind prefix ({@code app-7k2m9q4x1c}): unguessable enough, safe in paths and URLs. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private Ids() {
    }

    public static String next(String kind) {
        StringBuilder id = new StringBuilder(kind).append('-');
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    /** Whether {@code text} has the shape of an id (so it can never climb out of a folder when used in a path). */
    public static boolean valid(String text) {
        return text != null && text.matches("[a-z]{2,5}-[a-z0-9]{12}");
    }
}
