package io.aisprint.security.attest;

import io.aisprint.security.TrustException;
import io.aisprint.security.boot.HashAlgorithm;
import io.aisprint.security.boot.PcrValues;
import io.aisprint.security.policy.SessionPolicy;
import io.aisprint.security.policy.SessionPolicy.AttestationVariant;
import io.aisprint.security.tpm.QuoteEvidence;
import io.aisprint.security.tpm.QuoteVerifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks evidence against one service's attestation variants: any variant whose factors all
 * hold accepts; otherwise every variant's reasons are returned. The nonce has been consumed by
 * the caller already.
 */
public final class AttestationVerifier {
    private final Map<String, TeeVerifier> teeVerifiers;

    public AttestationVerifier(Map<String, TeeVerifier> teeVerifiers) {
        this.teeVerifiers = Map.copyOf(teeVerifiers);
    }

    public List<String> verify(SessionPolicy.Service service, Evidence evidence) {
        byte[] binding = EvidenceBinding.of(evidence.nonce(), evidence.measurement(), evidence.publicKey());
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < service.attestation().size(); i++) {
            List<String> variantReasons = check(service, service.attestation().get(i), evidence, binding);
            if (variantReasons.isEmpty()) {
                return List.of();
            }
            String prefix = service.attestation().size() > 1 ? "variant " + i + ": " : "";
            variantReasons.forEach(r -> reasons.add(prefix + r));
        }
        return reasons;
    }

    private List<String> check(SessionPolicy.Service service, AttestationVariant variant, Evidence evidence, byte[] binding) {
        List<String> reasons = new ArrayList<>();
        if (!variant.measurements().isEmpty() && !variant.measurements().contains(evidence.measurement())) {
            reasons.add("measurement " + evidence.measurement() + " is not one the policy allows for service '" + service.name()
                + "' (a changed jar, command or environment)");
        }
        variant.tpm().ifPresent(required -> reasons.addAll(tpm(required, evidence, binding)));
        variant.tee().ifPresent(required -> reasons.addAll(tee(required, evidence, binding)));
        return reasons;
    }

    private List<String> tpm(SessionPolicy.TpmRequirement required, Evidence evidence, byte[] binding) {
        if (evidence.tpm().isEmpty()) {
            return List.of("the policy requires a TPM quote; the evidence has none");
        }
        Evidence.TpmQuote quote = evidence.tpm().get();
        if (quote.attest() == null || quote.signature() == null || quote.attestationKey() == null || quote.pcrs() == null) {
            return List.of("the TPM quote needs attest, signature, attestationKey and pcrs");
        }
        List<String> reasons = new ArrayList<>();
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            PcrValues reported = new PcrValues();
            quote.pcrs().forEach((bankName, values) -> {
                HashAlgorithm bank = HashAlgorithm.byBankName(bankName).orElseThrow(() -> new IllegalArgumentException("unknown bank " + bankName));
                values.forEach((index, hex) -> reported.put(bank, Integer.parseInt(index), HexFormat.of().parseHex(hex)));
            });
            byte[] attest = base64.decode(quote.attest());
            QuoteVerifier.Result result = QuoteVerifier.verify(attest, base64.decode(quote.signature()),
                QuoteEvidence.readKey(base64.decode(quote.attestationKey()), "attestation key"), binding, reported);
            reasons.addAll(result.reasons());
            List<Integer> quotedSha256 = result.quote().selection().getOrDefault(HashAlgorithm.SHA256, List.of());
            required.pcrs().forEach((bank, values) -> values.forEach((index, allowed) -> {
                if (!result.quote().selection().getOrDefault(bank, List.of()).contains(index)) {
                    reasons.add("the quote does not cover " + bank.bankName() + " PCR" + index + ", which the policy checks");
                } else if (!Arrays.equals(reported.valueOrReset(bank, index), allowed)) {
                    reasons.add(bank.bankName() + " PCR" + index + " is " + HexFormat.of().formatHex(reported.valueOrReset(bank, index))
                        + "; the policy allows " + HexFormat.of().formatHex(allowed));
                }
            }));
            required.measurementPcr().ifPresent(index -> {
                byte[] expected = HashAlgorithm.SHA256.hash(new byte[32], HexFormat.of().parseHex(evidence.measurement()));
                if (!quotedSha256.contains(index)) {
                    reasons.add("the quote does not cover sha256 PCR" + index + ", where the measurement must be extended");
                } else if (!Arrays.equals(reported.valueOrReset(HashAlgorithm.SHA256, index), expected)) {
                    reasons.add("sha256 PCR" + index + " does not hold the presented measurement (expected one extend of it from zero)");
                }
            });
        } catch (TrustException | IllegalArgumentException e) {
            reasons.add("the TPM quote is malformed: " + e.getMessage());
        }
        return reasons;
    }

    private List<String> tee(SessionPolicy.TeeRequirement required, Evidence evidence, byte[] binding) {
        if (evidence.tee().isEmpty() || !evidence.tee().get().type().equals(required.type())) {
            return List.of("the policy requires " + required.type() + " evidence; the evidence has "
                + evidence.tee().map(Evidence.TeeEvidence::type).orElse("none"));
        }
        TeeVerifier verifier = teeVerifiers.get(required.type());
        if (verifier == null) {
            return List.of("no verifier for " + required.type() + " evidence is installed (SPI io.aisprint.security.attest.TeeVerifier)");
        }
        List<String> reasons = new ArrayList<>();
        try {
            Map<String, List<String>> claims = verifier.verify(Base64.getDecoder().decode(evidence.tee().get().evidence()), binding);
            required.claims().forEach((claim, allowed) -> {
                List<String> actual = claims.getOrDefault(claim, List.of());
                if (actual.stream().noneMatch(allowed::contains)) {
                    reasons.add(required.type() + " claim " + claim + " is " + actual + "; the policy allows " + allowed);
                }
            });
        } catch (TrustException | IllegalArgumentException e) {
            reasons.add(e.getMessage());
        }
        return reasons;
    }
}
