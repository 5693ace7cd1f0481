package io.aisprint.security.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.security.secrets.CertificateAuthority;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerCheckTest {
    private final CertificateAuthority ca = CertificateAuthority.create("trust", Duration.ofDays(1), Clock.systemUTC());
    private final Grant trainer = new Grant("fl", "trainer", Map.of(), "", CertificateAuthority.pem(ca.certificate()), Map.of(),
        List.of("aggregator"), List.of(), "");
    private final Grant aggregator = new Grant("fl", "aggregator", Map.of(), "", CertificateAuthority.pem(ca.certificate()), Map.of(),
        List.of(), List.of("trainer"), "");

    private X509Certificate certificate(CertificateAuthority issuer, String name) {
        return issuer.issue(name, CertificateAuthority.generate("P-256").getPublic(), List.of(), null, Duration.ofMinutes(10));
    }

    @Test
    void onlyTheTalksToPairsOfTheSessionMayConnect() {
        Clock now = Clock.systemUTC();
        assertThat(PeerCheck.check(trainer, certificate(ca, "fl/aggregator"), PeerCheck.Direction.OUTGOING, now)).isEmpty();
        assertThat(PeerCheck.check(aggregator, certificate(ca, "fl/trainer"), PeerCheck.Direction.INCOMING, now)).isEmpty();
        assertThat(PeerCheck.check(aggregator, certificate(ca, "fl/trainer"), PeerCheck.Direction.OUTGOING, now))
            .containsExactly("the policy does not let aggregator talk to trainer");
        assertThat(PeerCheck.check(trainer, certificate(ca, "other/aggregator"), PeerCheck.Direction.OUTGOING, now))
            .containsExactly("the peer 'other/aggregator' is not a service of session fl");
        CertificateAuthority rogue = CertificateAuthority.create("rogue", Duration.ofDays(1), now);
        assertThat(PeerCheck.check(trainer, certificate(rogue, "fl/aggregator"), PeerCheck.Direction.OUTGOING, now))
            .containsExactly("the peer's certificate is not issued by the trust service's CA");
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        assertThat(PeerCheck.check(trainer, certificate(ca, "fl/aggregator"), PeerCheck.Direction.OUTGOING, later))
            .singleElement().asString().contains("outside its lifetime");
    }
}
