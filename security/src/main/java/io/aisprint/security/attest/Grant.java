package io.aisprint.security.attest;

import java.util.List;
import java.util.Map;

/**
 * What an attested workload receives: the secrets its service references, a short-lived
 * certificate for its own key signed by the service CA (the CA cluster members trust for mutual
 * TLS), the keys of the volumes it mounts, and the services it may talk to / be called by.
 */
public record Grant(String session, String service, Map<String, String> secrets, String certificate, String caCertificate,
                    Map<String, String> volumeKeys, List<String> talksTo, List<String> calledBy, String expires) {
}
