package io.aisprint.security.tpm;

import io.aisprint.security.boot.HashAlgorithm;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses TPMS_ATTEST (quote), TPMT_PUBLIC / TPM2B_PUBLIC and TPMT_SIGNATURE, the TPM 2.0 Part 2 layouts. */
public final class Tpm2Structures {
    private static final long TPM_GENERATED_VALUE = 0xff544347L;
    private static final int TPM_ST_ATTEST_QUOTE = 0x8018;

    /** A TPMT_SIGNATURE: scheme, hash and the signature in the JDK's encoding (DER for ECDSA). */
    public record Signature(int scheme, HashAlgorithm hash, byte[] value) {
    }

    private Tpm2Structures() {
    }

    public static QuoteInfo parseQuote(byte[] attest) {
        TpmReader in = new TpmReader(attest, "TPMS_ATTEST");
        long magic = in.u32();
        if (magic != TPM_GENERATED_VALUE) {
            throw in.error(String.format("magic is 0x%08x; expected 0xff544347 (TPM_GENERATED_VALUE)", magic));
        }
        int type = in.u16();
        if (type != TPM_ST_ATTEST_QUOTE) {
            throw in.error(String.format("type is 0x%04x; expected 0x8018 (TPM_ST_ATTEST_QUOTE)", type));
        }
        in.sized(); // qualifiedSigner: the AK's name, checked through the signature instead
        byte[] extraData = in.sized();
        long clock = in.u64();
        long resetCount = in.u32();
        long restartCount = in.u32();
        in.u8(); // safe
        long firmware = in.u64();
        Map<HashAlgorithm, List<Integer>> selection = pcrSelection(in);
        byte[] digest = in.sized();
        in.expectEnd();
        return new QuoteInfo(extraData, selection, digest, clock, resetCount, restartCount, firmware);
    }

    private static Map<HashAlgorithm, List<Integer>> pcrSelection(TpmReader in) {
        long count = in.u32();
        if (count > 16) {
            throw in.error("PCR selection names " + count + " banks; expected at most 16");
        }
        Map<HashAlgorithm, List<Integer>> selection = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int algorithm = in.u16();
            HashAlgorithm bank = HashAlgorithm.byTpmId(algorithm).orElseThrow(() -> in.error(String.format("unknown PCR bank 0x%04x", algorithm)));
            int size = in.u8();
            byte[] bits = in.bytes(size);
            List<Integer> indexes = new ArrayList<>();
            for (int pcr = 0; pcr < size * 8; pcr++) {
                if ((bits[pcr / 8] & (1 << (pcr % 8))) != 0) {
                    indexes.add(pcr);
                }
            }
            selection.put(bank, indexes);
        }
        return selection;
    }

    /** A TPM2B_PUBLIC (as tpm2_createak -u writes it) or a bare TPMT_PUBLIC. */
    public static PublicKey parsePublic(byte[] bytes) {
        boolean sized = bytes.length >= 2 && (((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff)) == bytes.length - 2;
        TpmReader in = new TpmReader(bytes, sized ? "TPM2B_PUBLIC" : "TPMT_PUBLIC");
        if (sized) {
            in.u16();
        }
        int type = in.u16();
        in.u16(); // nameAlg
        in.u32(); // objectAttributes
        in.sized(); // authPolicy
        int symmetric = in.u16();
        if (symmetric != TpmAlgorithms.NULL) {
            in.u16();
            in.u16();
        }
        int scheme = in.u16();
        if (scheme != TpmAlgorithms.NULL) {
            in.u16();
        }
        try {
            if (type == TpmAlgorithms.RSA) {
                in.u16(); // keyBits
                long exponent = in.u32();
                byte[] modulus = in.sized();
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(new BigInteger(1, modulus),
                    BigInteger.valueOf(exponent == 0 ? 65537 : exponent)));
            }
            if (type == TpmAlgorithms.ECC) {
                int curve = in.u16();
                int kdf = in.u16();
                if (kdf != TpmAlgorithms.NULL) {
                    in.u16();
                }
                byte[] x = in.sized();
                byte[] y = in.sized();
                String name = switch (curve) {
                    case TpmAlgorithms.ECC_NIST_P256 -> "secp256r1";
                    case TpmAlgorithms.ECC_NIST_P384 -> "secp384r1";
                    default -> throw in.error(String.format("unsupported ECC curve 0x%04x; expected NIST P-256 or P-384", curve));
                };
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec(name));
                ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(new BigInteger(1, x), new BigInteger(1, y)), spec));
            }
        } catch (GeneralSecurityException e) {
            throw in.error("not a usable public key: " + e.getMessage());
        }
        throw in.error(String.format("key type 0x%04x; expected RSA (0x0001) or ECC (0x0023)", type));
    }

    public static Signature parseSignature(byte[] bytes) {
        TpmReader in = new TpmReader(bytes, "TPMT_SIGNATURE");
        int scheme = in.u16();
        int hashId = in.u16();
        HashAlgorithm hash = HashAlgorithm.byTpmId(hashId).orElseThrow(() -> in.error(String.format("unknown signature hash 0x%04x", hashId)));
        byte[] value;
        if (scheme == TpmAlgorithms.RSASSA || scheme == TpmAlgorithms.RSAPSS) {
            value = in.sized();
        } else if (scheme == TpmAlgorithms.ECDSA) {
            value = derEcdsa(new BigInteger(1, in.sized()), new BigInteger(1, in.sized()));
        } else {
            throw in.error(String.format("signature scheme 0x%04x; expected RSASSA, RSAPSS or ECDSA", scheme));
        }
        in.expectEnd();
        return new Signature(scheme, hash, value);
    }

    private static byte[] derEcdsa(BigInteger r, BigInteger s) {
        try {
            return new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                new org.bouncycastle.asn1.ASN1Integer(r), new org.bouncycastle.asn1.ASN1Integer(s)}).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
