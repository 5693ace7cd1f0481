package io.aisprint.security.secrets;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.policy.SessionPolicy;
import io.aisprint.security.policy.SessionPolicy.Secret;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Materialises a session's secrets: generates random strings, bytes and keys, issues X.509
 * certificates (self-signed, or under a session x509-ca), keeps explicit values, and resolves
 * imports from other sessions only where that session exports the secret to this one.
 */
public final class SecretGenerator {
    private static final String PRINTABLE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%&()*+,-./:;<=>?@[]^_{|}~";

    /** Looks up another session's policy and values, for imports. */
    public interface Sessions extends BiFunction<String, String, Optional<Exported>> {
    }

    /** An exported secret: the exporting policy's grant list and the value. */
    public record Exported(java.util.List<String> exportTo, SecretValue value) {
    }

    private final SecureRandom random;
    private final CertificateAuthority serviceCa;

    public SecretGenerator(SecureRandom random, CertificateAuthority serviceCa) {
        this.random = random;
        this.serviceCa = serviceCa;
    }

    /**
     * The values for {@code policy}; {@code previous} are the values of the version it replaces
     * (kept, except private keys without {@code migrate}, which are new on every update as in CAS).
     */
    public Map<String, SecretValue> materialise(SessionPolicy policy, Map<String, SecretValue> previous, SessionPolicy previousPolicy,
                                                Sessions sessions) {
        Map<String, SecretValue> values = new LinkedHashMap<>();
        for (Secret secret : ordered(policy)) {
            SecretValue old = previous.get(secret.name());
            boolean keep = old != null && old.kind().equals(kindName(secret)) && secret.importFrom().isEmpty()
                && (secret.kind() != SessionPolicy.SecretKind.PRIVATE_KEY || (secret.migrate()
                    && previousPolicy != null && previousPolicy.secret(secret.name()).map(Secret::migrate).orElse(false)));
            values.put(secret.name(), keep ? old : create(policy, secret, values, sessions));
        }
        return values;
    }

    private SecretValue create(SessionPolicy policy, Secret secret, Map<String, SecretValue> done, Sessions sessions) {
        if (secret.importFrom().isPresent()) {
            SessionPolicy.Import source = secret.importFrom().get();
            Exported exported = sessions.apply(source.session(), source.name()).orElseThrow(() -> refused(
                "secret '" + secret.name() + "' imports " + source.session() + "/" + source.name() + ", which does not exist"));
            if (!exported.exportTo().contains(policy.name())) {
                throw refused("session " + source.session() + " does not export secret '" + source.name() + "' to " + policy.name()
                    + " (its grants: " + exported.exportTo() + ")");
            }
            return new SecretValue(secret.name(), exported.value().kind(), exported.value().value(), exported.value().privateKeyPem());
        }
        String kind = kindName(secret);
        return switch (secret.kind()) {
            case ASCII -> new SecretValue(secret.name(), kind, secret.value().orElseGet(() -> randomAscii(secret.size())), Optional.empty());
            case BINARY -> new SecretValue(secret.name(), kind, secret.value().orElseGet(() -> randomHex(secret.size())), Optional.empty());
            case PRIVATE_KEY -> new SecretValue(secret.name(), kind, secret.value().orElseGet(() ->
                CertificateAuthority.pkcs8Pem(CertificateAuthority.generate(secret.keyType()).getPrivate())), Optional.empty());
            case X509, X509_CA -> certificate(policy, secret, done);
        };
    }

    private SecretValue certificate(SessionPolicy policy, Secret secret, Map<String, SecretValue> done) {
        if (secret.value().isPresent()) {
            return new SecretValue(secret.name(), kindName(secret), secret.value().get(), Optional.empty());
        }
        SecretValue keyValue = done.get(secret.privateKey().orElseThrow());
        KeyPair keys = Pem.keyPair(keyValue.value());
        String commonName = secret.commonName().orElse(secret.san().isEmpty() ? secret.name() : secret.san().get(0).replaceFirst("^(dns|ip):", ""));
        java.security.cert.X509Certificate certificate;
        if (secret.issuer().isPresent()) {
            SecretValue issuer = done.get(secret.issuer().get());
            CertificateAuthority ca = new CertificateAuthority(Pem.keyPair(issuer.privateKeyPem().orElseThrow()), Pem.certificate(issuer.value()), java.time.Clock.systemUTC());
            certificate = secret.kind() == SessionPolicy.SecretKind.X509_CA ? ca.issueCa(commonName, keys.getPublic(), secret.validFor())
                : ca.issue(commonName, keys.getPublic(), secret.san(), secret.endpoint().orElse(null), secret.validFor());
        } else if (secret.kind() == SessionPolicy.SecretKind.X509_CA) {
            // A session CA without an issuer hangs under the service CA, so one trust anchor covers all sessions.
            certificate = serviceCa.issueCa(policy.name() + " " + commonName, keys.getPublic(), secret.validFor());
        } else {
            certificate = serviceCa.issue(commonName, keys.getPublic(), secret.san(), secret.endpoint().orElse(null), secret.validFor());
        }
        return new SecretValue(secret.name(), kindName(secret), CertificateAuthority.pem(certificate), Optional.of(keyValue.value()));
    }

    /** Secrets in dependency order: private keys, then CAs, then certificates, then the rest. */
    private static java.util.List<Secret> ordered(SessionPolicy policy) {
        java.util.List<Secret> list = new java.util.ArrayList<>(policy.secrets());
        list.sort(java.util.Comparator.comparingInt(s -> switch (s.kind()) {
            case PRIVATE_KEY -> 0;
            case X509_CA -> s.issuer().isPresent() ? 2 : 1;
            case X509 -> 3;
            default -> 4;
        }));
        return list;
    }

    private String randomAscii(int size) {
        StringBuilder out = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            out.append(PRINTABLE.charAt(random.nextInt(PRINTABLE.length())));
        }
        return out.toString();
    }

    private String randomHex(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String kindName(Secret secret) {
        return secret.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static TrustException refused(String message) {
        return new TrustException(TrustErrorCode.SECRET_REFUSED, message);
    }
}
