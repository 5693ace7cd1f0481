package io.aisprint.security.iot;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * bench/security: access decisions per second through the contract on a local ganache chain.
 * Not a test: run with
 * {@code mvn -pl security -am test -Dtest=ContractBench -Daisprint.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ContractBench {
    @Test
    void decisionsPerSecond() throws Exception {
        assumeTrue(System.getProperty("aisprint.bench") != null, "bench: set -Daisprint.bench=true");
        assumeTrue(LocalGanache.missing().isEmpty(), () -> "skipped: " + LocalGanache.missing().orElseThrow());
        Credentials owner = Accounts.generate();
        Credentials gateway = Accounts.generate();
        Credentials reader = Accounts.generate();
        int requests = 300;
        try (LocalGanache ganache = LocalGanache.start(owner, gateway); Chain asOwner = new Chain(ganache.url(), owner); Chain asGateway = new Chain(ganache.url(), gateway)) {
            Deployment deployment = AccessContracts.deployShared(asOwner, 60);
            AccessContracts ownerContracts = new AccessContracts(asOwner, deployment);
            ownerContracts.createResource("bench", gateway.getAddress());
            ownerContracts.grant("bench", reader.getAddress(), 0, 0);
            AccessContracts contracts = new AccessContracts(asGateway, deployment);
            for (int i = 0; i < 20; i++) {
                contracts.checkAccess("bench", reader.getAddress());
            }
            System.out.println("| path | requests | decisions/s | mean ms |");
            long start = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                contracts.status("bench", reader.getAddress());
            }
            row("read-only view calls (policyOf + judge, no transaction, no event)", requests, start);
            start = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                contracts.checkAccess("bench", reader.getAddress());
            }
            row("checkAccess transaction + AccessDecision event (web3j, one account)", requests, start);
            Path data = Files.createTempDirectory("iot-bench");
            try (EdgeDataApi api = new EdgeDataApi("127.0.0.1", 0, contracts, new ReadingStore(data), new ReplayGuard(Clock.systemUTC(), Duration.ofSeconds(60)))) {
                IotClient client = new IotClient("http://127.0.0.1:" + api.port(), reader, Clock.systemUTC());
                start = System.nanoTime();
                for (int i = 0; i < requests; i++) {
                    if (client.read("bench", 1).status() != 200) {
                        throw new IllegalStateException("denied during the bench");
                    }
                }
                row("signed HTTP read through the edge API (signature check + checkAccess transaction)", requests, start);
            }
        }
    }

    private static void row(String path, int requests, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.2f |%n", path, requests, requests / seconds, seconds * 1000 / requests);
    }
}
