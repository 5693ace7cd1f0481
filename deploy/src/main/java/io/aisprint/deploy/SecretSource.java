package io.aisprint.deploy;

import java.security.SecureRandom;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where generated passwords, tokens and cluster-name suffixes come from. Production uses a secure
 * random source; tests and reproducible runs use a numbered one ({@code fixed1}, {@code fixed2}, …)
 * or an explicit sequence, drawn in the same order as toscarizer draws its random strings.
 */
@FunctionalInterface
public interface SecretSource {
    /** A fresh string of lowercase letters and digits (the given length for random sources). */
    String next(int length);

    /** Random lowercase letters and digits from a secure generator. */
    static SecretSource secure() {
        return random(new SecureRandom());
    }

    static SecretSource random(Random random) {
        Objects.requireNonNull(random, "random");
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        return length -> {
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(letters.charAt(random.nextInt(letters.length())));
            }
            return text.toString();
        };
    }

    /** {@code fixed1}, {@code fixed2}, … whatever the length: the deterministic secrets of {@code --fixed-secrets}. */
    static SecretSource numbered() {
        AtomicInteger counter = new AtomicInteger();
        return length -> "fixed" + counter.incrementAndGet();
    }

    /** The given strings in order; running past the end is a programming error. */
    static SecretSource sequence(List<String> values) {
        Iterator<String> iterator = List.copyOf(values).iterator();
        return length -> {
            if (!iterator.hasNext()) {
                throw new IllegalStateException("the secret sequence is exhausted");
            }
            return iterator.next();
        };
    }
}
