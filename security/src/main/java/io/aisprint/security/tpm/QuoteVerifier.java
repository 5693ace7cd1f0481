package io.aisprint.security.tpm;

import io.aisprint.security.boot.HashAlgorithm;
import io.aisprint.security.boot.PcrValues;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Verifies a TPM 2.0 quote the way tpm2_checkquote and Keylime do: the attestation key signed
 * exactly these bytes, the qualifying data is the verifier's nonce, and the quoted PCR digest is
 * the hash of the PCR values the verifier expects (in selection order).
 */
public final class QuoteVerifier {

    /** The outcome: an empty reason list means the quote holds. */
    public record Result(QuoteInfo quote, List<String> reasons) {
        public boolean valid() {
            return reasons.isEmpty();
        }
    }

    private QuoteVerifier() {
    }

    public static Result verify(byte[] attest, byte[] signatureBytes, PublicKey attestationKey, byte[] nonce, PcrValues expected) {
        QuoteInfo quote = Tpm2Structures.parseQuote(attest);
        Tpm2Structures.Signature signature = Tpm2Structures.parseSignature(signatureBytes);
        List<String> reasons = new ArrayList<>();
        if (!signatureValid(attest, signature, attestationKey)) {
            reasons.add("the quote's signature does not verify with the attestation key");
        }
        if (!MessageDigest.isEqual(quote.extraData(), nonce)) {
            reasons.add("the quote's nonce is " + HexFormat.of().formatHex(quote.extraData()) + "; expected " + HexFormat.of().formatHex(nonce)
                + " (a replayed or foreign quote)");
        }
        byte[] digest = pcrDigest(signature.hash(), quote.selection(), expected);
        if (!MessageDigest.isEqual(digest, quote.pcrDigest())) {
            reasons.add("the quoted PCR digest " + HexFormat.of().formatHex(quote.pcrDigest()) + " differs from the digest of the expected PCR values "
                + HexFormat.of().formatHex(digest) + " (" + describe(quote.selection()) + ")");
        }
        return new Result(quote, reasons);
    }

    /** H(PCR[i1] || PCR[i2] || ...) over the selection, banks in quote order, indexes ascending. */
    public static byte[] pcrDigest(HashAlgorithm hash, Map<HashAlgorithm, List<Integer>> selection, PcrValues values) {
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        selection.forEach((bank, indexes) -> indexes.forEach(index -> concatenated.writeBytes(values.valueOrReset(bank, index))));
        return hash.hash(concatenated.toByteArray());
    }

    private static boolean signatureValid(byte[] attest, Tpm2Structures.Signature signature, PublicKey key) {
        String hash = switch (signature.hash()) {
            case SHA1 -> "SHA1";
            case SHA256 -> "SHA256";
            case SHA384 -> "SHA384";
            case SHA512 -> "SHA512";
            case SM3_256 -> null;
        };
        if (hash == null) {
            return false;
        }
        try {
            java.security.Signature verifier;
            if (signature.scheme() == TpmAlgorithms.RSAPSS) {
                verifier = java.security.Signature.getInstance("RSASSA-PSS");
                String jdkHash = signature.hash() == HashAlgorithm.SHA1 ? "SHA-1" : "SHA-" + hash.substring(3);
                verifier.setParameter(new PSSParameterSpec(jdkHash, "MGF1", new MGF1ParameterSpec(jdkHash), signature.hash().digestSize(), 1));
            } else {
                verifier = java.security.Signature.getInstance(hash + "with" + (signature.scheme() == TpmAlgorithms.ECDSA ? "ECDSA" : "RSA"));
            }
            verifier.initVerify(key);
            verifier.update(attest);
            return verifier.verify(signature.value());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String describe(Map<HashAlgorithm, List<Integer>> selection) {
        List<String> parts = new ArrayList<>();
        selection.forEach((bank, indexes) -> parts.add(bank.bankName() + ":" + indexes));
        return String.join(" ", parts);
    }
}
