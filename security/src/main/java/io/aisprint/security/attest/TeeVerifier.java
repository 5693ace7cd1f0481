package io.aisprint.security.attest;

import java.util.List;
import java.util.Map;

/**
 * SPI for hardware TEE evidence (Intel SGX/TDX DCAP quotes, AMD SEV-SNP reports). None of
 * that hardware is available here, so aisprint ships no real implementation: a deployment adds
 * one (found through {@link java.util.ServiceLoader}); {@link TestDoubleTeeVerifier} exists for
 * tests only and proves nothing about hardware.
 */
public interface TeeVerifier {
    /** The evidence type handled: sgx, sev-snp, tdx or test-double. */
    String type();

    /**
     * Verifies the evidence's signature chain and that its report data equals {@code binding},
     * and returns its claims (e.g. mrenclave, measurement, tcb_status), or throws a
     * TrustException with the reason.
     */
    Map<String, List<String>> verify(byte[] evidence, byte[] binding);
}
