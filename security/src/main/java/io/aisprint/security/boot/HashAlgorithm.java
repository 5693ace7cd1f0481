package io.aisprint.security.boot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.jcajce.provider.digest.SM3;

/** The TPM hash algorithms an event log may carry (TCG algorithm registry ids). */
public enum HashAlgorithm {
    SHA1(0x0004, 20, "SHA-1"),
    SHA256(0x000B, 32, "SHA-256"),
    SHA384(0x000C, 48, "SHA-384"),
    SHA512(0x000D, 64, "SHA-512"),
    SM3_256(0x0012, 32, "SM3");

    private final int tpmId;
    private final int digestSize;
    private final String jdkName;

    HashAlgorithm(int tpmId, int digestSize, String jdkName) {
        this.tpmId = tpmId;
        this.digestSize = digestSize;
        this.jdkName = jdkName;
    }

    public int tpmId() {
        return tpmId;
    }

    public int digestSize() {
        return digestSize;
    }

    /** The bank name used in reports and policies: sha1, sha256, sha384, sha512, sm3_256. */
    public String bankName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HashAlgorithm> byTpmId(int id) {
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.tpmId == id) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    public static Optional<HashAlgorithm> byBankName(String name) {
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.bankName().equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    public MessageDigest newDigest() {
        if (this == SM3_256) {
            // The JDK has no SM3; BouncyCastle's digest works without registering a provider.
            return new SM3.Digest();
        }
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jdkName, e);
        }
    }

    public byte[] hash(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }
}
