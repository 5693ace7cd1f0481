package io.aisprint.security.secrets;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.io.IOException;
import java.io.StringReader;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads PKCS#8 private keys (with their public half) and certificates from PEM. */
public final class Pem {
    private Pem() {
    }

    public static KeyPair keyPair(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(object));
            return new KeyPair(publicOf(key), key);
        } catch (IOException | RuntimeException e) {
            throw malformed("a private-key secret is not a PKCS#8 PEM key: " + e.getMessage());
        }
    }

    private static java.security.PublicKey publicOf(PrivateKey key) {
        try {
            if (key instanceof java.security.interfaces.RSAPrivateCrtKey rsa) {
                return java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            org.bouncycastle.crypto.params.AsymmetricKeyParameter parameter = org.bouncycastle.crypto.util.PrivateKeyFactory.createKey(info);
            org.bouncycastle.asn1.x509.SubjectPublicKeyInfo publicInfo;
            if (parameter instanceof org.bouncycastle.crypto.params.ECPrivateKeyParameters ec) {
                var q = ec.getParameters().getG().multiply(ec.getD()).normalize();
                publicInfo = org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                    new org.bouncycastle.crypto.params.ECPublicKeyParameters(q, ec.getParameters()));
                // keep the named curve of the private key
                publicInfo = new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(info.getPrivateKeyAlgorithm(), publicInfo.getPublicKeyData().getBytes());
            } else if (parameter instanceof org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters ed) {
                publicInfo = org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(ed.generatePublicKey());
            } else {
                throw malformed("unsupported private key type " + key.getAlgorithm());
            }
            return java.security.KeyFactory.getInstance(key.getAlgorithm()).generatePublic(new java.security.spec.X509EncodedKeySpec(publicInfo.getEncoded()));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw malformed("cannot derive the public key: " + e.getMessage());
        }
    }

    public static X509Certificate certificate(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate((org.bouncycastle.cert.X509CertificateHolder) parser.readObject());
        } catch (IOException | java.security.cert.CertificateException | ClassCastException e) {
            throw malformed("not a PEM certificate: " + e.getMessage());
        }
    }

    private static TrustException malformed(String message) {
        return new TrustException(TrustErrorCode.SECRET_REFUSED, message);
    }
}
