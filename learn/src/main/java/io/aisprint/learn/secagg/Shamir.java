package io.aisprint.learn.secagg;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Shamir's t-of-n secret sharing over GF(p), p = 2^521 − 1 (a Mersenne prime, above every
 * 32-byte secret): any t shares give the secret by Lagrange interpolation at 0; t − 1 shares
 * are uniformly distributed whatever the secret is.
 */
public final class Shamir {
    static final BigInteger PRIME = BigInteger.TWO.pow(521).subtract(BigInteger.ONE);

    /** The point (x, f(x)) of the secret's polynomial f. */
    public record Share(int x, BigInteger y) {
    }

    private Shamir() {
    }

    /** n shares at x = 1..n of a polynomial of degree t − 1 with f(0) = secret. */
    public static List<Share> split(byte[] secret, int n, int threshold, SecureRandom random) {
        if (threshold < 1 || threshold > n) {
            throw new LearnException(LearnErrorCode.SECURE_AGGREGATION, "threshold " + threshold + " out of 1.." + n);
        }
        BigInteger[] coefficients = new BigInteger[threshold];
        coefficients[0] = new BigInteger(1, secret);
        for (int i = 1; i < threshold; i++) {
            coefficients[i] = new BigInteger(PRIME.bitLength() + 64, random).mod(PRIME);
        }
        List<Share> shares = new ArrayList<>();
        for (int x = 1; x <= n; x++) {
            BigInteger value = BigInteger.ZERO;
            BigInteger point = BigInteger.valueOf(x);
            for (int i = threshold - 1; i >= 0; i--) {
                value = value.multiply(point).add(coefficients[i]).mod(PRIME);
            }
            shares.add(new Share(x, value));
        }
        return shares;
    }

    /** The secret of {@code length} bytes from at least t distinct shares (more are fine). */
    public static byte[] combine(List<Share> shares, int length) {
        BigInteger secret = BigInteger.ZERO;
        for (Share i : shares) {
            BigInteger numerator = BigInteger.ONE;
            BigInteger denominator = BigInteger.ONE;
            for (Share j : shares) {
                if (j.x() != i.x()) {
                    numerator = numerator.multiply(BigInteger.valueOf(-j.x())).mod(PRIME);
                    denominator = denominator.multiply(BigInteger.valueOf(i.x() - j.x())).mod(PRIME);
                }
            }
            secret = secret.add(i.y().multiply(numerator).multiply(denominator.modInverse(PRIME))).mod(PRIME);
        }
        byte[] raw = secret.toByteArray();
        byte[] fixed = new byte[length];
        int copy = Math.min(length, raw.length);
        System.arraycopy(raw, raw.length - copy, fixed, length - copy, copy);
        return fixed;
    }
}
