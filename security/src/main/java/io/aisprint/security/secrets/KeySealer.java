package io.aisprint.security.secrets;

/**
 * How the vault's master key is kept at rest. {@link #file()} stores it as a 0600 file (the
 * default); {@link TpmKeySealer} seals it to a TPM so it unseals only on that TPM (and, with a
 * PCR policy, only while the boot state is unchanged).
 */
public interface KeySealer {
    /** A name for messages: "file" or "tpm". */
    String name();

    byte[] seal(byte[] key);

    byte[] unseal(byte[] sealed);

    static KeySealer file() {
        return new KeySealer() {
            @Override
            public String name() {
                return "file";
            }

            @Override
            public byte[] seal(byte[] key) {
                return key.clone();
            }

            @Override
            public byte[] unseal(byte[] sealed) {
                return sealed.clone();
            }
        };
    }
}
