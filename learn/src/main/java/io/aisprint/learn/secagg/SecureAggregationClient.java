package io.aisprint.learn.secagg;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One client's side of secure aggregation for one round. Its secrets (the two private keys, the
 * self-mask seed, and the shares others sent it) never leave it except as the protocol allows:
 * shares encrypted for their recipient, and in the last step only the share the server may
 * hold for each other client.
 */
public final class SecureAggregationClient {
    private static final int SECRET_BYTES = 32;

    private final String id;
    private final int threshold;
    private final SecureRandom random;
    private final KeyPair cipherKeys = KeyAgreement25519.newKeyPair();
    private final KeyPair maskKeys = KeyAgreement25519.newKeyPair();
    private final byte[] selfMaskSeed = new byte[SECRET_BYTES];
    private final Map<String, Protocol.AdvertisedKeys> peers = new TreeMap<>();
    private final Map<String, Protocol.EncryptedShares> received = new HashMap<>();
    private boolean revealed;

    public SecureAggregationClient(String id, int threshold, SecureRandom random) {
        this.id = id;
        this.threshold = threshold;
        this.random = random;
        random.nextBytes(selfMaskSeed);
    }

    public String id() {
        return id;
    }

    public Protocol.AdvertisedKeys advertise() {
        return new Protocol.AdvertisedKeys(id, cipherKeys.getPublic().getEncoded(), maskKeys.getPublic().getEncoded());
    }

    /** Round 1: Shamir-shares b_u and s_u among all advertised clients (itself included), each share encrypted for its holder. */
    public List<Protocol.EncryptedShares> shareKeys(List<Protocol.AdvertisedKeys> advertised) {
        advertised.forEach(keys -> peers.put(keys.client(), keys));
        if (peers.size() < threshold) {
            throw new LearnException(LearnErrorCode.SECURE_AGGREGATION, "only " + peers.size() + " clients advertised keys; the threshold is " + threshold);
        }
        List<String> order = new ArrayList<>(peers.keySet());
        List<Shamir.Share> selfShares = Shamir.split(selfMaskSeed, order.size(), threshold, random);
        List<Shamir.Share> keyShares = Shamir.split(KeyAgreement25519.scalar(maskKeys.getPrivate()), order.size(), threshold, random);
        List<Protocol.EncryptedShares> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            String to = order.get(i);
            String plain = selfShares.get(i).x() + "|" + selfShares.get(i).y().toString(16) + "|" + keyShares.get(i).y().toString(16);
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            out.add(new Protocol.EncryptedShares(id, to, nonce, crypt(Cipher.ENCRYPT_MODE, to, id, to, nonce, plain.getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    /** Round 2: the quantised input with its self mask and the pairwise masks of every client that shared keys. */
    public Protocol.MaskedInput maskedInput(List<Protocol.EncryptedShares> toMe, int[] input) {
        for (Protocol.EncryptedShares shares : toMe) {
            if (shares.to().equals(id)) {
                received.put(shares.from(), shares);
            }
        }
        int[] masked = input.clone();
        Masks.addInto(masked, Masks.expand(selfMaskSeed, "self", input.length), 1);
        for (String other : received.keySet()) {
            if (!other.equals(id)) {
                byte[] seed = KeyAgreement25519.agree(maskKeys.getPrivate(), publicKey(peers.get(other).maskPublic()));
                Masks.addInto(masked, Masks.expand(seed, "pair", input.length), id.compareTo(other) < 0 ? 1 : -1);
            }
        }
        return new Protocol.MaskedInput(id, masked);
    }

    /**
     * Round 3: for each survivor the share of its self-mask seed, for each dropped client the
     * share of its mask key. Refuses a request that names a client in both sets, or fewer
     * survivors than the threshold, and answers at most once: otherwise the server could learn
     * both secrets of one client and unmask its input.
     */
    public Protocol.RevealedShares unmask(Protocol.UnmaskRequest request) {
        for (String survivor : request.survivors()) {
            if (request.dropped().contains(survivor)) {
                throw new LearnException(LearnErrorCode.SECURE_AGGREGATION, id + " refuses: " + survivor + " is named both survivor and dropped");
            }
        }
        if (request.survivors().size() < threshold || revealed) {
            throw new LearnException(LearnErrorCode.SECURE_AGGREGATION, id + " refuses to unmask: " + (revealed ? "already answered this round"
                : request.survivors().size() + " survivors, fewer than the threshold " + threshold));
        }
        revealed = true;
        Map<String, Shamir.Share> selfShares = new TreeMap<>();
        Map<String, Shamir.Share> keyShares = new TreeMap<>();
        for (Map.Entry<String, Protocol.EncryptedShares> entry : received.entrySet()) {
            String from = entry.getKey();
            String[] fields = new String(crypt(Cipher.DECRYPT_MODE, from, from, id, entry.getValue().nonce(), entry.getValue().ciphertext()),
                StandardCharsets.UTF_8).split("\\|");
            int x = Integer.parseInt(fields[0]);
            if (request.survivors().contains(from)) {
                selfShares.put(from, new Shamir.Share(x, new BigInteger(fields[1], 16)));
            } else if (request.dropped().contains(from)) {
                keyShares.put(from, new Shamir.Share(x, new BigInteger(fields[2], 16)));
            }
        }
        return new Protocol.RevealedShares(id, selfShares, keyShares);
    }

    /** AES-GCM under the key agreed with {@code peer}; the associated data binds sender and recipient. */
    private byte[] crypt(int mode, String peer, String from, String to, byte[] nonce, byte[] data) {
        try {
            byte[] key = KeyAgreement25519.agree(cipherKeys.getPrivate(), publicKey(peers.get(peer).cipherPublic()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, 0, 16, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD((from + "->" + to).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new LearnException(LearnErrorCode.SECURE_AGGREGATION, id + " cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                + " shares " + from + " -> " + to + ": " + e.getMessage(), e);
        }
    }

    /** An X.509-encoded X25519 public key; a {@code SECURE_AGGREGATION} error when it is not one. */
    public static PublicKey publicKey(byte[] encoded) {
        try {
            return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new LearnException(LearnErrorCode.SECURE_AGGREGATION, "not an X25519 public key: " + e.getMessage(), e);
        }
    }

    /** The clients this one holds shares from (those that completed round 1). */
    Set<String> sharedWith() {
        return received.keySet();
    }
}
