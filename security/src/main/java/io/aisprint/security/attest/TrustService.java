package io.aisprint.security.attest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.policy.OwnerKeys;
import io.aisprint.security.policy.PolicyStore;
import io.aisprint.security.policy.SessionPolicy;
import io.aisprint.security.policy.SessionPolicyParser;
import io.aisprint.security.secrets.Aead;
import io.aisprint.security.secrets.CertificateAuthority;
import io.aisprint.security.secrets.SecretGenerator;
import io.aisprint.security.secrets.SecretValue;
import io.aisprint.security.secrets.SecretVault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The attestation and secret service (CAS's role): holds session policies and their secrets
 * (sealed at rest), hands out nonces, verifies evidence against the policy and grants an
 * attested workload its service's secrets and a short-lived certificate, and nothing to anyone
 * else. Every decision goes to the audit log with its reasons.
 */
public final class TrustService {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module());
    private static final String VOLUME_PREFIX = "volume:";

    private final SecretVault vault;
    private final AuditLog audit;
    private final Clock clock;
    private final PolicyStore policies = new PolicyStore();
    private final Map<String, Map<String, SecretValue>> secrets = new HashMap<>();
    private final Set<String> revokedKeys = new HashSet<>();
    private final NonceRegistry nonces;
    private final AttestationVerifier verifier;
    private final CertificateAuthority ca;
    private final SecretGenerator generator;
    private final Duration certificateLifetime;

    public TrustService(Path stateDirectory, Clock clock, Map<String, TeeVerifier> teeVerifiers, Duration certificateLifetime) {
        this(stateDirectory, clock, teeVerifiers, certificateLifetime, io.aisprint.security.secrets.KeySealer.file());
    }

    /** As above, with the vault's master key kept by {@code sealer} (a file, or sealed to a TPM). */
    public TrustService(Path stateDirectory, Clock clock, Map<String, TeeVerifier> teeVerifiers, Duration certificateLifetime,
                        io.aisprint.security.secrets.KeySealer sealer) {
        this.vault = new SecretVault(stateDirectory.resolve("vault"), sealer);
        this.audit = new AuditLog(stateDirectory.resolve("audit.jsonl"), clock);
        this.clock = clock;
        this.nonces = new NonceRegistry(new SecureRandom(), clock, Duration.ofMinutes(5));
        this.verifier = new AttestationVerifier(teeVerifiers);
        this.ca = loadOrCreateCa();
        this.generator = new SecretGenerator(new SecureRandom(), ca);
        this.certificateLifetime = certificateLifetime;
        restoreSessions();
        vault.get("revoked").ifPresent(bytes -> revokedKeys.addAll(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"))));
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    public CertificateAuthority ca() {
        return ca;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Creates or updates a session from signed policy bytes; returns the new version's hash. */
    public synchronized String upload(byte[] yaml, PublicKey owner, byte[] signature) {
        String name = "?";
        try {
            name = SessionPolicyParser.parse(yaml, "session policy").name();
            boolean exists = policies.current(name).isPresent();
            PolicyStore.Version previous = policies.current(name).orElse(null);
            PolicyStore.Version version = exists ? policies.update(yaml, owner, signature) : policies.create(yaml, owner, signature);
            Map<String, SecretValue> values = generator.materialise(version.policy(), secrets.getOrDefault(name, Map.of()),
                previous == null ? null : previous.policy(), this::exported);
            for (SessionPolicy.Volume volume : version.policy().volumes()) {
                SecretValue old = secrets.getOrDefault(name, Map.of()).get(VOLUME_PREFIX + volume.name());
                values.put(VOLUME_PREFIX + volume.name(), old != null ? old
                    : new SecretValue(volume.name(), "volume-key", HexFormat.of().formatHex(Aead.newKey()), Optional.empty()));
            }
            secrets.put(name, values);
            vault.put("session-" + name + "-secrets", JSON.writeValueAsBytes(values));
            List<Map<String, String>> versions = new ArrayList<>();
            for (PolicyStore.Version stored : policies.history(name)) {
                versions.add(Map.of("policy", base64(stored.source()), "creator", stored.creator()));
            }
            vault.put("session-" + name + "-versions", JSON.writeValueAsBytes(versions));
            vault.put("sessions", String.join("\n", policies.names()).getBytes(StandardCharsets.UTF_8));
            audit.record(exists ? "session-update" : "session-create", name, null, "accepted", List.of("version " + version.hash()));
            return version.hash();
        } catch (TrustException e) {
            audit.record("session-upload", name, null, "refused", List.of(e.getMessage()));
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<PolicyStore.Version> session(String name) {
        return policies.current(name);
    }

    public String nonce() {
        return nonces.issue();
    }

    /** Verifies the evidence; a grant for exactly the claimed service, or ATTESTATION_REFUSED with the reasons (audited). */
    public Grant attest(Evidence evidence) {
        List<String> reasons = new ArrayList<>();
        Map<String, String> required = new LinkedHashMap<>();
        required.put("session", evidence.session());
        required.put("service", evidence.service());
        required.put("nonce", evidence.nonce());
        required.put("measurement", evidence.measurement());
        required.put("publicKey", evidence.publicKey());
        required.forEach((field, value) -> {
            if (value == null || value.isBlank()) {
                reasons.add("the evidence lacks '" + field + "'");
            }
        });
        if (!reasons.isEmpty()) {
            refuse(evidence, reasons);
        }
        if (!nonces.consume(evidence.nonce())) {
            reasons.add("nonce " + abbreviate(evidence.nonce()) + " is unknown, used or expired (replayed evidence)");
        }
        Optional<PolicyStore.Version> version = policies.current(evidence.session());
        Optional<SessionPolicy.Service> service = version.flatMap(v -> v.policy().service(evidence.service()));
        if (version.isEmpty()) {
            reasons.add("unknown session '" + evidence.session() + "'");
        } else if (service.isEmpty()) {
            reasons.add("unknown service '" + evidence.service() + "' in session '" + evidence.session() + "'");
        }
        PublicKey workloadKey = null;
        try {
            workloadKey = OwnerKeys.decode(evidence.publicKey());
            synchronized (this) {
                if (revokedKeys.contains(OwnerKeys.hash(workloadKey))) {
                    reasons.add("workload key " + abbreviate(OwnerKeys.hash(workloadKey)) + " is revoked");
                }
            }
        } catch (TrustException e) {
            reasons.add("the workload key: " + e.getMessage());
        }
        if (reasons.isEmpty()) {
            try {
                reasons.addAll(verifier.verify(service.get(), evidence));
            } catch (IllegalArgumentException e) {
                reasons.add("malformed evidence: " + e.getMessage());
            }
        }
        if (!reasons.isEmpty()) {
            refuse(evidence, reasons);
        }
        Grant grant = grant(version.get().policy(), service.get(), workloadKey);
        audit.record("attest", evidence.session(), evidence.service(), "accepted",
            List.of("measurement " + evidence.measurement(), "key " + OwnerKeys.hash(workloadKey), "secrets " + grant.secrets().keySet()));
        return grant;
    }

    /** Stops a workload key from attesting again (a revoked or failed worker). Returns false if already revoked. */
    public synchronized boolean revoke(String keyHash, String why) {
        boolean added = revokedKeys.add(keyHash);
        vault.put("revoked", String.join("\n", revokedKeys).getBytes(StandardCharsets.UTF_8));
        audit.record("revoke", null, null, "revoked", List.of("key " + keyHash, why));
        return added;
    }

    /** A revocation request signed by a session creator over "revoke\0" + keyHash. */
    public void revokeSigned(String keyHash, String why, PublicKey owner, byte[] signature) {
        String ownerHash = OwnerKeys.hash(owner);
        boolean creator;
        synchronized (this) {
            creator = policies.names().stream().map(policies::current).flatMap(Optional::stream).anyMatch(v -> v.creator().equals(ownerHash));
        }
        if (!creator || !OwnerKeys.verify(owner, ("revoke\0" + keyHash).getBytes(StandardCharsets.UTF_8), signature)) {
            audit.record("revoke", null, null, "refused", List.of("key " + ownerHash + " is not a session owner or the signature does not verify"));
            throw new TrustException(TrustErrorCode.POLICY_UPDATE_REFUSED, "revocation refused: the request is not signed by a session owner");
        }
        revoke(keyHash, why);
    }

    public synchronized boolean revoked(String keyHash) {
        return revokedKeys.contains(keyHash);
    }

    private synchronized Grant grant(SessionPolicy policy, SessionPolicy.Service service, PublicKey workloadKey) {
        Map<String, SecretValue> values = secrets.get(policy.name());
        Map<String, String> granted = new LinkedHashMap<>();
        for (String name : SessionPolicyParser.referencedSecrets(service)) {
            SecretValue value = values.get(name);
            granted.put(name, value.value());
            value.privateKeyPem().ifPresent(key -> granted.put(name + ":privatekey", key));
        }
        Map<String, String> volumeKeys = new LinkedHashMap<>();
        service.volumes().forEach(volume -> volumeKeys.put(volume, values.get(VOLUME_PREFIX + volume).value()));
        X509Certificate certificate = ca.issue(policy.name() + "/" + service.name(), workloadKey,
            List.of("dns:" + service.name(), "dns:localhost", "ip:127.0.0.1"), null, certificateLifetime);
        List<String> calledBy = policy.services().stream().filter(s -> s.talksTo().contains(service.name())).map(SessionPolicy.Service::name).toList();
        return new Grant(policy.name(), service.name(), granted, CertificateAuthority.pem(certificate), CertificateAuthority.pem(ca.certificate()),
            volumeKeys, service.talksTo(), calledBy, certificate.getNotAfter().toInstant().toString());
    }

    private void refuse(Evidence evidence, List<String> reasons) {
        audit.record("attest", evidence.session(), evidence.service(), "refused", reasons);
        throw new TrustException(TrustErrorCode.ATTESTATION_REFUSED, "attestation of " + evidence.session() + "/" + evidence.service()
            + " refused: " + String.join("; ", reasons));
    }

    private synchronized Optional<SecretGenerator.Exported> exported(String session, String name) {
        return policies.current(session).flatMap(v -> v.policy().secret(name))
            .flatMap(secret -> Optional.ofNullable(secrets.getOrDefault(session, Map.of()).get(name))
                .map(value -> new SecretGenerator.Exported(secret.exportTo(), value)));
    }

    /** Sessions and their secrets come back from the sealed vault after a restart. */
    private void restoreSessions() {
        Optional<byte[]> index = vault.get("sessions");
        if (index.isEmpty()) {
            return;
        }
        try {
            for (String name : new String(index.get(), StandardCharsets.UTF_8).split("\n")) {
                if (name.isBlank()) {
                    continue;
                }
                List<Map<String, String>> versions = JSON.readValue(vault.get("session-" + name + "-versions").orElseThrow(), new TypeReference<>() { });
                for (Map<String, String> version : versions) {
                    policies.restore(Base64.getDecoder().decode(version.get("policy")), version.get("creator"));
                }
                secrets.put(name, new LinkedHashMap<>(JSON.readValue(vault.get("session-" + name + "-secrets").orElseThrow(),
                    new TypeReference<Map<String, SecretValue>>() { })));
            }
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new TrustException(TrustErrorCode.TAMPERED, "the sealed sessions are incomplete or unreadable: " + e.getMessage(), e);
        }
    }

    private CertificateAuthority loadOrCreateCa() {
        Optional<byte[]> stored = vault.get("service-ca");
        try {
            if (stored.isPresent()) {
                Map<String, String> parts = JSON.readValue(stored.get(), new TypeReference<>() { });
                KeyPair keys = io.aisprint.security.secrets.Pem.keyPair(parts.get("key"));
                return new CertificateAuthority(keys, io.aisprint.security.secrets.Pem.certificate(parts.get("certificate")), clock);
            }
            CertificateAuthority created = CertificateAuthority.create("aisprint trust service CA", Duration.ofDays(3650), clock);
            vault.put("service-ca", JSON.writeValueAsBytes(Map.of("key", CertificateAuthority.pkcs8Pem(created.keyPair().getPrivate()),
                "certificate", CertificateAuthority.pem(created.certificate()))));
            return created;
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.UNREADABLE, "the sealed service CA is unreadable: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String hex) {
        return hex == null ? "(none)" : hex.length() > 16 ? hex.substring(0, 16) + ".." : hex;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
