package io.aisprint.security.policy;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The versions of every session. A session is a chain: each update names the current version's
 * hash as {@code predecessor} (no lost updates) and is signed by a key the current version's
 * {@code access_policy.update} allows ({@code CREATOR}: the key that created the session).
 */
public final class PolicyStore {

    /** One stored version: its hash (SHA-256 of the exact policy bytes), the policy and the creator's key hash. */
    public record Version(String hash, SessionPolicy policy, byte[] source, String creator) {
    }

    private final Map<String, List<Version>> sessions = new HashMap<>();

    public synchronized Version create(byte[] yaml, PublicKey signer, byte[] signature) {
        SessionPolicy policy = parseSigned(yaml, signer, signature);
        if (sessions.containsKey(policy.name())) {
            throw refused("session '" + policy.name() + "' exists; update it with predecessor " + current(policy.name()).orElseThrow().hash());
        }
        if (policy.predecessor().isPresent()) {
            throw refused("a new session has no predecessor; remove 'predecessor' from '" + policy.name() + "'");
        }
        Version version = new Version(hash(yaml), policy, yaml.clone(), OwnerKeys.hash(signer));
        sessions.put(policy.name(), new ArrayList<>(List.of(version)));
        return version;
    }

    public synchronized Version update(byte[] yaml, PublicKey signer, byte[] signature) {
        SessionPolicy policy = parseSigned(yaml, signer, signature);
        Version current = current(policy.name()).orElseThrow(() -> refused("no session '" + policy.name() + "' to update; create it first"));
        if (policy.predecessor().isEmpty() || !policy.predecessor().get().equals(current.hash())) {
            throw refused("predecessor " + policy.predecessor().orElse("(none)") + " is not the current version " + current.hash()
                + " of '" + policy.name() + "'\nMaybe another update came first: read the session again.");
        }
        String signerHash = OwnerKeys.hash(signer);
        if (!allowed(current.policy().accessPolicy().update(), signerHash, current.creator())) {
            throw refused("key " + signerHash + " may not update '" + policy.name() + "' (access_policy.update: "
                + current.policy().accessPolicy().update() + ", creator " + current.creator() + ")");
        }
        Version version = new Version(hash(yaml), policy, yaml.clone(), current.creator());
        sessions.get(policy.name()).add(version);
        return version;
    }

    /** Puts back a version read from sealed storage (already checked when it was stored). */
    public synchronized void restore(byte[] yaml, String creator) {
        SessionPolicy policy = SessionPolicyParser.parse(yaml, "stored session policy");
        sessions.computeIfAbsent(policy.name(), n -> new ArrayList<>()).add(new Version(hash(yaml), policy, yaml.clone(), creator));
    }

    public synchronized List<String> names() {
        return List.copyOf(new java.util.TreeSet<>(sessions.keySet()));
    }

    public synchronized Optional<Version> current(String name) {
        List<Version> versions = sessions.get(name);
        return versions == null ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    public synchronized List<Version> history(String name) {
        return List.copyOf(sessions.getOrDefault(name, List.of()));
    }

    public static boolean allowed(List<String> principals, String keyHash, String creator) {
        if (principals.contains("NONE")) {
            return false;
        }
        return principals.contains("ANY") || principals.contains(keyHash) || (principals.contains("CREATOR") && creator.equals(keyHash));
    }

    public static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SessionPolicy parseSigned(byte[] yaml, PublicKey signer, byte[] signature) {
        if (!OwnerKeys.verify(signer, yaml, signature)) {
            throw refused("the policy's signature does not verify with the presented key " + OwnerKeys.hash(signer));
        }
        return SessionPolicyParser.parse(yaml, "session policy");
    }

    private static TrustException refused(String message) {
        return new TrustException(TrustErrorCode.POLICY_UPDATE_REFUSED, message);
    }
}
