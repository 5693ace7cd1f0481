package io.aisprint.security.attest;

import java.util.Map;
import java.util.Optional;

/**
 * What a workload presents to the trust service.
 *
 * @param session the session policy's name
 * @param service the service of that session the workload claims to be
 * @param nonce the service's fresh nonce (hex), single use
 * @param measurement the workload's software measurement (hex SHA-256)
 * @param publicKey the workload's key (base64 SubjectPublicKeyInfo) the short-lived certificate is issued to
 * @param tpm a TPM quote whose qualifying data is {@link EvidenceBinding#of}
 * @param tee hardware TEE evidence whose report data is that binding, for a verifier behind the SPI
 */
public record Evidence(String session, String service, String nonce, String measurement, String publicKey,
                       Optional<TpmQuote> tpm, Optional<TeeEvidence> tee) {
    public Evidence {
        tpm = tpm == null ? Optional.empty() : tpm;
        tee = tee == null ? Optional.empty() : tee;
    }

    /** A quote as base64 TPMS_ATTEST, TPMT_SIGNATURE, the AK (TPM2B_PUBLIC) and the PCR values {bank: {index: hex}}. */
    public record TpmQuote(String attest, String signature, String attestationKey, Map<String, Map<String, String>> pcrs) {
    }

    /** TEE evidence: its type (sgx, sev-snp, tdx, test-double) and the bytes, base64. */
    public record TeeEvidence(String type, String evidence) {
    }
}
