package io.aisprint.security.secrets;

import java.util.Optional;

/**
 * A materialised secret. {@code value} is what a placeholder expands to by default: the text
 * (ascii), hex (binary), the PKCS#8 PEM (private-key) or the certificate PEM (x509, x509-ca);
 * certificates also carry their private key's PEM when the session holds it.
 */
public record SecretValue(String name, String kind, String value, Optional<String> privateKeyPem) {
}
