package io.aisprint.security.secrets;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA (key pair + self-signed certificate) that issues end-entity certificates; BouncyCastle builds them. */
public final class CertificateAuthority {
    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CertificateAuthority(KeyPair keyPair, X509Certificate certificate, Clock clock) {
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.clock = clock;
    }

    /** A new CA with a P-256 key and a self-signed certificate valid for {@code validFor}. */
    public static CertificateAuthority create(String commonName, Duration validFor, Clock clock) {
        KeyPair keys = generate("P-256");
        X509Certificate certificate = build(name(commonName), keys.getPublic(), name(commonName), keys.getPrivate(), validFor, clock,
            true, List.of(), null, new SecureRandom());
        return new CertificateAuthority(keys, certificate, clock);
    }

    /** An end-entity certificate for {@code subjectKey}; {@code endpoint} server, client or both (null). */
    public X509Certificate issue(String commonName, PublicKey subjectKey, List<String> subjectAlternativeNames, String endpoint, Duration validFor) {
        return build(name(commonName), subjectKey, X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), keyPair.getPrivate(),
            validFor, clock, false, subjectAlternativeNames, endpoint, random);
    }

    /** A subordinate CA certificate (for a session's x509-ca secret issued under this CA). */
    public X509Certificate issueCa(String commonName, PublicKey subjectKey, Duration validFor) {
        return build(name(commonName), subjectKey, X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), keyPair.getPrivate(),
            validFor, clock, true, List.of(), null, random);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public static KeyPair generate(String keyType) {
        try {
            KeyPairGenerator generator;
            switch (keyType) {
                case "P-256", "P-384" -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(keyType.equals("P-256") ? "secp256r1" : "secp384r1"));
                }
                case "RSA-2048", "RSA-3072" -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(Integer.parseInt(keyType.substring(4)));
                }
                case "Ed25519" -> generator = KeyPairGenerator.getInstance("Ed25519");
                default -> throw new TrustException(TrustErrorCode.SECRET_REFUSED, "unknown key type " + keyType);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new TrustException(TrustErrorCode.SECRET_REFUSED, "cannot generate a " + keyType + " key: " + e.getMessage(), e);
        }
    }

    /** A private key as PKCS#8 PEM ("PRIVATE KEY"), the format CAS gives private-key secrets. */
    public static String pkcs8Pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey, Duration validFor,
                                         Clock clock, boolean ca, List<String> sans, String endpoint, SecureRandom random) {
        Instant now = clock.instant();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random).add(BigInteger.ONE),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(validFor)), subject, subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!ca) {
                List<KeyPurposeId> purposes = new ArrayList<>();
                if (endpoint == null || endpoint.equals("server")) {
                    purposes.add(KeyPurposeId.id_kp_serverAuth);
                }
                if (endpoint == null || endpoint.equals("client")) {
                    purposes.add(KeyPurposeId.id_kp_clientAuth);
                }
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            if (!sans.isEmpty()) {
                GeneralName[] names = sans.stream().map(CertificateAuthority::generalName).toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            String algorithm = switch (issuerKey.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "Ed25519", "EdDSA" -> "Ed25519";
                default -> "SHA256withECDSA";
            };
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new TrustException(TrustErrorCode.SECRET_REFUSED, "cannot issue a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    /** "dns:host", "ip:1.2.3.4", or a bare name (DNS). */
    private static GeneralName generalName(String san) {
        if (san.startsWith("ip:")) {
            return new GeneralName(GeneralName.iPAddress, san.substring(3));
        }
        return new GeneralName(GeneralName.dNSName, san.startsWith("dns:") ? san.substring(4) : san);
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).addRDN(BCStyle.O, "aisprint").build();
    }
}
