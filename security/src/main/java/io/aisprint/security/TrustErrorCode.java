package io.aisprint.security;

/** One code per kind of problem the trust layer reports; the CLI maps them to exit codes. */
public enum TrustErrorCode {
    /** A file could not be read at all (missing, not a file). */
    UNREADABLE,
    /** An event log is truncated, garbage or carries impossible sizes. */
    EVENT_LOG_MALFORMED,
    /** A TPM structure (quote, public key, signature, PCR file) is malformed. */
    TPM_STRUCTURE_MALFORMED,
    /** A reference state or session policy is malformed (unknown key, wrong type, bad value). */
    POLICY_MALFORMED,
    /** A policy update is not allowed (wrong predecessor, not signed by the previous owner). */
    POLICY_UPDATE_REFUSED,
    /** Evidence was refused (replayed nonce, changed measurement, PCR outside policy, unknown service). */
    ATTESTATION_REFUSED,
    /** A secret, volume or certificate operation failed (tampering, missing grant). */
    SECRET_REFUSED,
    /** An encrypted file failed its integrity check. */
    TAMPERED,
    /** An external tool or service failed. */
    EXTERNAL
}
