package io.aisprint.learn.secagg;

import java.util.Map;
import java.util.Set;

/**
 * The messages of Bonawitz et al.'s protocol (CCS 2017, semi-honest server variant), in the
 * order they flow: clients advertise two X25519 public keys; each sends every other client,
 * through the server, its Shamir shares of its self-mask seed b_u and of its mask private key
 * s_u, encrypted (AES-GCM) under a key only the two of them can agree; each sends its masked
 * input; the survivors reveal, per other client, the share the server may have: of b for a
 * survivor, of s for a dropped client, never both.
 */
public final class Protocol {
    private Protocol() {
    }

    /** Round 0: c is for encrypting shares, s for the pairwise masks (both X.509 encoded). */
    public record AdvertisedKeys(String client, byte[] cipherPublic, byte[] maskPublic) {
    }

    /** Round 1: one encrypted pair of shares from one client to another (the server sees only ciphertext). */
    public record EncryptedShares(String from, String to, byte[] nonce, byte[] ciphertext) {
    }

    /** Round 2: y_u = x_u + PRG(b_u) + Σ_{v>u} PRG(s_uv) − Σ_{v<u} PRG(s_uv), modulo 2^32. */
    public record MaskedInput(String client, int[] masked) {
    }

    /** Round 3's request: who the server got masked inputs from, and who dropped after sharing. */
    public record UnmaskRequest(Set<String> survivors, Set<String> dropped) {
    }

    /** Round 3's answer: shares of b for survivors, of s for dropped clients. */
    public record RevealedShares(String from, Map<String, Shamir.Share> selfMaskShares, Map<String, Shamir.Share> maskKeyShares) {
    }
}
