package io.aisprint.security.attest;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fresh single-use nonces with a lifetime; evidence with an unknown, used or expired nonce is a replay. */
public final class NonceRegistry {
    private final Map<String, Instant> issued = new LinkedHashMap<>();
    private final SecureRandom random;
    private final Clock clock;
    private final Duration lifetime;

    public NonceRegistry(SecureRandom random, Clock clock, Duration lifetime) {
        this.random = random;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public synchronized String issue() {
        expire();
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        String hex = HexFormat.of().formatHex(nonce);
        issued.put(hex, clock.instant().plus(lifetime));
        return hex;
    }

    /** True once for a nonce this registry issued and that has not expired; false for any replay. */
    public synchronized boolean consume(String nonce) {
        expire();
        return issued.remove(nonce) != null;
    }

    private void expire() {
        Instant now = clock.instant();
        for (Iterator<Instant> it = issued.values().iterator(); it.hasNext(); ) {
            if (it.next().isBefore(now)) {
                it.remove();
            }
        }
    }
}
