package io.aisprint.security.attest;

import io.aisprint.security.secrets.Pem;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Enforces the policy's "which services may talk to which" at a TLS endpoint: a peer's
 * certificate must come from the trust service's CA, be in its lifetime, name a service of the
 * same session, and that service must be one this service talks to (outgoing) or that talks to
 * it (incoming). Returns the reasons a peer is refused; empty means allowed.
 */
public final class PeerCheck {
    public enum Direction { OUTGOING, INCOMING }

    private PeerCheck() {
    }

    public static List<String> check(Grant self, X509Certificate peer, Direction direction, Clock clock) {
        List<String> reasons = new ArrayList<>();
        X509Certificate ca = Pem.certificate(self.caCertificate());
        try {
            peer.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            reasons.add("the peer's certificate is not issued by the trust service's CA");
            return reasons;
        }
        Date now = Date.from(clock.instant());
        if (now.before(peer.getNotBefore()) || now.after(peer.getNotAfter())) {
            reasons.add("the peer's certificate is outside its lifetime (" + peer.getNotBefore().toInstant() + " .. " + peer.getNotAfter().toInstant() + ")");
        }
        String name = commonName(peer);
        String prefix = self.session() + "/";
        if (!name.startsWith(prefix)) {
            reasons.add("the peer '" + name + "' is not a service of session " + self.session());
            return reasons;
        }
        String service = name.substring(prefix.length());
        List<String> allowed = direction == Direction.OUTGOING ? self.talksTo() : self.calledBy();
        if (!allowed.contains(service)) {
            reasons.add("the policy does not let " + (direction == Direction.OUTGOING ? self.service() + " talk to " + service
                : service + " talk to " + self.service()));
        }
        return reasons;
    }

    private static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }
}
