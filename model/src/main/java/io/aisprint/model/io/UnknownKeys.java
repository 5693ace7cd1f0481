package io.aisprint.model.io;

import java.util.Collection;
import java.util.Locale;

/**
 * The message for a key a format does not allow, with the nearest allowed key when it looks like a
 * typo ("unknown key \"lamda\"; expected one of lambda, time, components. Maybe you meant
 * \"lambda\"?"). Every reader of every module words unknown keys this one way.
 */
public final class UnknownKeys {
    private UnknownKeys() {
    }

    public static String message(String key, Collection<String> allowed) {
        String message = "unknown key \"" + key + "\"; expected one of " + String.join(", ", allowed);
        String nearest = nearest(key, allowed);
        return nearest == null ? message : message + ".\nMaybe you meant \"" + nearest + "\"?";
    }

    /** The allowed key closest to {@code key}, when it is close enough to be a typo; else null. */
    public static String nearest(String key, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestExactDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int distance = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            // between keys that differ only in case (computationallayers, computationalLayers) the case decides
            int exactDistance = distance(key, candidate);
            if (distance < bestDistance || distance == bestDistance && exactDistance < bestExactDistance) {
                best = candidate;
                bestDistance = distance;
                bestExactDistance = exactDistance;
            }
        }
        int tolerance = Math.max(2, key.length() / 3);
        boolean prefix = best != null && best.length() >= 4 && (key.startsWith(best) || best.startsWith(key));
        return best != null && (bestDistance <= tolerance || prefix) ? best : null;
    }

    /** Levenshtein distance (insertions, deletions, substitutions). */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
