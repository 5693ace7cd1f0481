package io.aisprint.security.tpm;

/** TPM_ALG_ID values used by quotes and attestation keys. */
final class TpmAlgorithms {
    static final int RSA = 0x0001;
    static final int NULL = 0x0010;
    static final int RSASSA = 0x0014;
    static final int RSAPSS = 0x0016;
    static final int ECDSA = 0x0018;
    static final int ECC = 0x0023;
    static final int ECC_NIST_P256 = 0x0003;
    static final int ECC_NIST_P384 = 0x0004;

    private TpmAlgorithms() {
    }
}
