package io.aisprint.learn.fl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.secagg.Protocol;
import io.aisprint.learn.secagg.SecureAggregationClient;
import io.aisprint.learn.secagg.SecureAggregationServer;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The server's side of one round under secure aggregation: the four protocol steps of
 * {@link io.aisprint.learn.secagg.Protocol} (keys, shares, masked inputs, reveal) as phases the
 * round loop opens one after the other. It holds only what the protocol lets a server hold
 * (public keys, encrypted shares, masked inputs, the revealed shares it may have) and at the end
 * the sum of the survivors' quantised inputs. Guarded by the server's lock; not thread-safe.
 */
final class SecureRound {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int round;
    private final List<String> sampled;
    private final int threshold;
    private final int length;
    private final SecureAggregationServer protocol;
    private final Map<String, Protocol.AdvertisedKeys> advertised = new TreeMap<>();
    private final Set<String> shared = new TreeSet<>();
    private final Set<String> masked = new TreeSet<>();
    private final Map<String, Protocol.RevealedShares> revealed = new TreeMap<>();
    private int phase;
    private Protocol.UnmaskRequest request;
    private String failure;
    private int[] sum;

    /**
     * @param threshold t, or 0 for the default max(2, ⌊m/2⌋ + 1) of the m sampled clients
     * @param length    words per input: the model's parameters and one for the weight
     */
    SecureRound(int round, List<String> sampled, int threshold, int length) {
        this.round = round;
        this.sampled = List.copyOf(sampled);
        this.threshold = threshold > 0 ? threshold : Math.max(2, sampled.size() / 2 + 1);
        this.length = length;
        this.protocol = new SecureAggregationServer(this.threshold);
    }

    int round() {
        return round;
    }

    int threshold() {
        return threshold;
    }

    /** The clients that shared keys: the n of the quantiser, so that n inputs cannot wrap around. */
    int clients() {
        return advertised.size();
    }

    String step() {
        return phase < SecureMessages.STEPS.size() ? SecureMessages.STEPS.get(phase) : "closed";
    }

    boolean closed() {
        return phase >= SecureMessages.STEPS.size();
    }

    /** Whose answers the open step waits for. */
    private Set<String> expected() {
        return switch (phase) {
            case 0 -> new TreeSet<>(sampled);
            case 1 -> advertised.keySet();
            case 2 -> shared;
            case 3 -> masked;
            default -> Set.of();
        };
    }

    private Set<String> answered() {
        return switch (phase) {
            case 0 -> advertised.keySet();
            case 1 -> shared;
            case 2 -> masked;
            case 3 -> revealed.keySet();
            default -> Set.of();
        };
    }

    /** Every client the open step waits for has answered it. */
    boolean stepComplete() {
        return answered().containsAll(expected());
    }

    /**
     * Closes the open step and opens the next (the last one ends in the sum). Returns false, with
     * {@link #failure()} saying why, when fewer than t clients took part: the round cannot be summed.
     */
    boolean advance() {
        int took = answered().size();
        if (took < threshold) {
            failure = String.format("only %d client%s answered the %s step; secure aggregation needs the threshold t = %d", took,
                took == 1 ? "" : "s", step(), threshold);
            phase = SecureMessages.STEPS.size();
            return false;
        }
        if (phase == 2) {
            request = protocol.unmaskRequest();
        } else if (phase == 3) {
            try {
                sum = protocol.sum(new ArrayList<>(revealed.values()));
            } catch (LearnException e) {
                failure = e.getMessage();
                phase = SecureMessages.STEPS.size();
                return false;
            }
        }
        phase++;
        return true;
    }

    /** Why the round could not be summed (null when it was, or is still running). */
    String failure() {
        return failure;
    }

    /** The survivors' quantised inputs summed modulo 2^32, once the reveal step closed. */
    int[] sum() {
        return sum == null ? null : sum.clone();
    }

    /** The clients whose inputs are in the sum. */
    List<String> survivors() {
        return request == null ? List.of() : List.copyOf(new TreeSet<>(request.survivors()));
    }

    /** The clients that shared keys but sent no masked input; their masks were rebuilt from Shamir shares. */
    List<String> droppedAfterSharing() {
        return request == null ? List.of() : List.copyOf(new TreeSet<>(request.dropped()));
    }

    /** What the server holds of one client's input: its masked vector (for the privacy tests). */
    int[] maskedInputOf(String client) {
        return protocol.maskedInputOf(client);
    }

    /** Whether a signed envelope from this client is the client's answer to the open step (the round stops waiting for it). */
    boolean expects(String client) {
        return expected().contains(client) && !answered().contains(client);
    }

    /** The reason to refuse an envelope, or null when it was taken. */
    String accept(SecureMessages.Envelope envelope, PublicKey key) {
        if (key == null) {
            return "unknown client '" + envelope.client() + "' (register first)";
        }
        if (envelope.signature() == null || envelope.signature().isEmpty()) {
            return "unsigned secure-aggregation message";
        }
        if (!Signatures.verify(key, envelope.signedBytes(), envelope.signature())) {
            return "bad signature on the secure-aggregation " + envelope.step() + " message of client '" + envelope.client() + "'";
        }
        if (envelope.round() != round) {
            return "secure-aggregation message for round " + envelope.round() + " but round " + round + " is open (late or replayed)";
        }
        if (!step().equals(envelope.step())) {
            return "secure-aggregation step '" + envelope.step() + "' is not open (the open step is '" + step() + "')";
        }
        if (!expected().contains(envelope.client())) {
            return "client '" + envelope.client() + "' is not part of the " + step() + " step of round " + round;
        }
        if (answered().contains(envelope.client())) {
            return "replayed secure-aggregation message (client '" + envelope.client() + "' already sent its " + step() + ")";
        }
        try {
            return take(envelope);
        } catch (IOException | LearnException e) {
            return "unreadable " + step() + " payload: " + e.getMessage();
        }
    }

    private String take(SecureMessages.Envelope envelope) throws IOException {
        String client = envelope.client();
        switch (phase) {
            case 0 -> {
                Protocol.AdvertisedKeys keys = JSON.readValue(envelope.payload(), Protocol.AdvertisedKeys.class);
                if (!client.equals(keys.client())) {
                    return "keys advertised for '" + keys.client() + "' in a message of '" + client + "'";
                }
                SecureAggregationClient.publicKey(keys.cipherPublic());
                SecureAggregationClient.publicKey(keys.maskPublic());
                advertised.put(client, keys);
                protocol.receiveKeys(keys);
            }
            case 1 -> {
                List<Protocol.EncryptedShares> shares = JSON.readValue(envelope.payload(), new TypeReference<>() { });
                Set<String> recipients = new HashSet<>();
                for (Protocol.EncryptedShares share : shares) {
                    if (!client.equals(share.from()) || !advertised.containsKey(share.to()) || !recipients.add(share.to())) {
                        return "shares must go from '" + client + "' to each client that advertised keys, once";
                    }
                }
                if (!recipients.equals(advertised.keySet())) {
                    return "shares for " + recipients.size() + " clients; " + advertised.size() + " advertised keys";
                }
                shared.add(client);
                protocol.receiveShares(shares);
            }
            case 2 -> {
                int[] words = SecureMessages.decodeWords(JSON.readValue(envelope.payload(), SecureMessages.Masked.class).words());
                if (words == null) {
                    return "masked input is not base64 of little-endian int32 words";
                }
                if (words.length != length) {
                    return "shape mismatch: a masked input of " + words.length + " words; this model needs " + length
                        + " (its parameters and the weight)";
                }
                masked.add(client);
                protocol.receiveMasked(new Protocol.MaskedInput(client, words));
            }
            default -> {
                Protocol.RevealedShares shares = JSON.readValue(envelope.payload(), Protocol.RevealedShares.class);
                if (!client.equals(shares.from())) {
                    return "shares revealed for '" + shares.from() + "' in a message of '" + client + "'";
                }
                revealed.put(client, shares);
            }
        }
        return null;
    }

    /** The answer to a client polling for {@code wanted}: wait, go (with what the step needs) or closed. */
    SecureMessages.Phase poll(String client, int wantedRound, String wanted) throws IOException {
        int index = SecureMessages.STEPS.indexOf(wanted);
        if (wantedRound != round || index < 0 || index < phase || closed()) {
            return new SecureMessages.Phase("closed", round, threshold, clients(), null);
        }
        if (index > phase) {
            return new SecureMessages.Phase("wait", round, threshold, clients(), null);
        }
        if (!expected().contains(client) || answered().contains(client)) {
            return new SecureMessages.Phase("closed", round, threshold, clients(), null);
        }
        String payload = switch (phase) {
            case 0 -> null;
            case 1 -> JSON.writeValueAsString(List.copyOf(advertised.values()));
            case 2 -> JSON.writeValueAsString(protocol.mailbox(client));
            default -> JSON.writeValueAsString(request);
        };
        return new SecureMessages.Phase("go", round, threshold, clients(), payload);
    }
}
