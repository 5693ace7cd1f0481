package io.aisprint.security.attest;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets an attested worker received from the trust service, held in its memory only.
 * Secure tasks read them here, on the worker; they never travel through the driver. Cleared
 * when the worker is revoked.
 */
public final class WorkerSecrets {
    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();

    private WorkerSecrets() {
    }

    static void install(Grant grant) {
        SECRETS.clear();
        SECRETS.putAll(grant.secrets());
        grant.volumeKeys().forEach((volume, key) -> SECRETS.put("volume:" + volume, key));
    }

    public static String get(String name) {
        String value = SECRETS.get(name);
        if (value == null) {
            throw new TrustException(TrustErrorCode.SECRET_REFUSED, "secret '" + name + "' is not held here: this node is not attested for a "
                + "service that references it (or it was revoked)");
        }
        return value;
    }

    public static boolean attested() {
        return !SECRETS.isEmpty();
    }

    public static void clear() {
        SECRETS.clear();
    }
}
