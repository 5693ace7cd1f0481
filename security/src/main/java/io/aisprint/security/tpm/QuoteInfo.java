package io.aisprint.security.tpm;

import io.aisprint.security.boot.HashAlgorithm;
import java.util.List;
import java.util.Map;

/**
 * The parts of a TPMS_ATTEST of type quote that a verifier checks.
 *
 * @param extraData the qualifying data (the verifier's nonce)
 * @param selection the quoted PCRs per bank, in the order the quote lists the banks
 * @param pcrDigest the hash over the selected PCR values
 * @param clock TPM clock (ms), resetCount and restartCount, so a verifier can see reboots
 */
public record QuoteInfo(byte[] extraData, Map<HashAlgorithm, List<Integer>> selection, byte[] pcrDigest,
                        long clock, long resetCount, long restartCount, long firmwareVersion) {
}
