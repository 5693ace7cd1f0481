package io.aisprint.learn.fl;

import io.aisprint.learn.nn.Vectors;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.Set;

/**
 * The checks an update passes before it may touch the model, in order: it is signed by the key
 * its client registered, it is not a replay (nonce seen before, or a second update for a round),
 * it answers the open round, it has the model's shape, its values are finite, and its change is
 * not longer than the bound. Each failure has its own reason, which the client is told.
 */
final class UpdateValidator {
    private final int parameterCount;
    private final double maxNorm;
    private final Set<String> seenNonces = new HashSet<>();

    UpdateValidator(int parameterCount, double maxNorm) {
        this.parameterCount = parameterCount;
        this.maxNorm = maxNorm;
    }

    boolean signedBy(UpdateMessage update, PublicKey key) {
        return key != null && update.signature() != null && !update.signature().isEmpty()
            && Signatures.verify(key, update.signedBytes(), update.signature());
    }

    /** The reason to reject, or null to accept; {@code delta} receives the change when accepted. */
    String check(UpdateMessage update, PublicKey key, int openRound, boolean sampled, boolean alreadySent, float[] global, float[][] delta) {
        if (key == null) {
            return "unknown client '" + update.client() + "' (register first)";
        }
        if (update.signature() == null || update.signature().isEmpty()) {
            return "unsigned update";
        }
        if (!Signatures.verify(key, update.signedBytes(), update.signature())) {
            return "bad signature (the update is not from the key client '" + update.client() + "' registered, or was altered)";
        }
        if (update.nonce() == null || !seenNonces.add(update.client() + "/" + update.nonce())) {
            return "replayed update (nonce " + update.nonce() + " was already used)";
        }
        if (update.round() != openRound) {
            return "update for round " + update.round() + " but round " + openRound + " is open (late or replayed)";
        }
        if (!sampled) {
            return "client '" + update.client() + "' was not sampled for round " + openRound;
        }
        if (alreadySent) {
            return "replayed update (client '" + update.client() + "' already sent one for round " + openRound + ")";
        }
        if (!"model".equals(update.kind()) && !"delta".equals(update.kind())) {
            return "kind '" + update.kind() + "' is neither model nor delta";
        }
        float[] values = FloatCodec.decode(update.values());
        if (values == null) {
            return "values are not base64 of little-endian floats";
        }
        if (values.length != parameterCount) {
            return "shape mismatch: " + values.length + " values but the model has " + parameterCount + " parameters";
        }
        if (!Vectors.allFinite(values)) {
            return "NaN or infinite values";
        }
        if (update.examples() < 1) {
            return "examples " + update.examples() + " (expected >= 1)";
        }
        float[] change = "model".equals(update.kind()) ? Vectors.subtract(values, global) : values;
        double norm = Vectors.norm(change);
        if (norm > maxNorm) {
            return String.format("oversized update: its change has L2 norm %.4g, the bound is %.4g", norm, maxNorm);
        }
        delta[0] = change;
        return null;
    }
}
