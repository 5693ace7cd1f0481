package io.aisprint.learn.secagg;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The protocol's pseudo-random generator: a 32-byte seed expanded to a vector of 32-bit words by
 * AES-128 in counter mode (key = SHA-256(label ‖ seed), first 16 bytes). Vectors add modulo
 * 2^32, which Java's int arithmetic is.
 */
final class Masks {
    private Masks() {
    }

    static int[] expand(byte[] seed, String label, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(label.getBytes(StandardCharsets.UTF_8));
            byte[] key = digest.digest(seed);
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"), new IvParameterSpec(new byte[16]));
            ByteBuffer stream = ByteBuffer.wrap(cipher.doFinal(new byte[length * 4]));
            int[] words = new int[length];
            for (int i = 0; i < length; i++) {
                words[i] = stream.getInt();
            }
            return words;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR and SHA-256 are part of every JDK", e);
        }
    }

    static void addInto(int[] target, int[] mask, int sign) {
        for (int i = 0; i < target.length; i++) {
            target[i] += sign * mask[i];
        }
    }
}
