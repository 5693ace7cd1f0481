package io.aisprint.cluster;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.security.TrustException;
import io.aisprint.security.attest.WorkerAttestation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attestation before join: with {@code --attest URL --attest-ca PEM --session S --service NAME}
 * a worker attests to the trust service first; its mutual-TLS certificate is the one the service
 * grants, it carries the {@link Constraints#ATTESTED_LABEL} label secure tasks ask for, and it
 * leaves the cluster as soon as the service reports its key revoked (polled every half
 * failure-detection interval).
 */
public final class AttestedJoin {
    private final ClusterConfig config;
    private final URI service;
    private final Path ca;
    private final String keyHash;

    private AttestedJoin(ClusterConfig config, URI service, Path ca, String keyHash) {
        this.config = config;
        this.service = service;
        this.ca = ca;
        this.keyHash = keyHash;
    }

    /** Null when no --attest option is given; otherwise attests (or fails with the service's reasons). */
    static AttestedJoin fromOptions(Map<String, String> options, ClusterConfig config) {
        if (!options.containsKey("attest")) {
            return null;
        }
        return attest(config, URI.create(options.get("attest")), Path.of(require(options, "attest-ca")), require(options, "session"),
                require(options, "service"));
    }

    /** Attests this member as {@code serviceName} of {@code session}; the returned config joins with the granted certificate. */
    public static AttestedJoin attest(ClusterConfig config, URI service, Path ca, String session, String serviceName) {
        try {
            Path tls = Files.createTempDirectory("aisprint-attested-tls-");
            WorkerAttestation.Attested attested = WorkerAttestation.attest(service, ca, session, serviceName, tls);
            NodeSpec node = config.node();
            Map<String, String> labels = new LinkedHashMap<>(node.labels());
            labels.put(Constraints.ATTESTED_LABEL, "true");
            NodeSpec attestedNode = new NodeSpec(node.name(), node.cores(), node.memoryMb(), node.gpus(), node.architecture(), labels);
            ClusterConfig withTls = new ClusterConfig(attestedNode, config.join(), config.localHost(), config.discoveryPort(),
                    config.communicationPort(), config.portRange(), config.failureDetection(), attested.tlsDirectory(), attested.password(),
                    config.joinTimeout());
            System.out.println("aisprint worker " + node.name() + " attested as key " + attested.keyHash());
            return new AttestedJoin(withTls, service, ca, attested.keyHash());
        } catch (TrustException e) {
            throw new ClusterException("attestation refused, not joining: " + e.getMessage());
        } catch (IOException e) {
            throw new ClusterException("cannot create a TLS folder: " + e.getMessage());
        }
    }

    public ClusterConfig config() {
        return config;
    }

    public void stopWhenRevoked(ClusterWorker worker) {
        WorkerAttestation.watchRevocation(service, ca, keyHash, config.failureDetection().dividedBy(2), () -> {
            System.out.println("aisprint worker " + config.node().name() + " revoked by the trust service: secrets cleared, leaving");
            System.out.flush();
            worker.close();
        });
    }

    private static String require(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new ClusterException("--attest needs --" + key);
        }
        return value;
    }
}
