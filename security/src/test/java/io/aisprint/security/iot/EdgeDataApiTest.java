package io.aisprint.security.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** The edge data API in front of the contracts on a local ganache chain: real HTTP, real signatures, real transactions. */
class EdgeDataApiTest {
    static final Credentials OWNER = Accounts.generate();
    static final Credentials GATEWAY = Accounts.generate();
    static final Credentials READER = Accounts.generate();
    static final Credentials INTRUDER = Accounts.generate();
    static final String RESOURCE = "turbine-7/vibration";
    static LocalGanache ganache;
    static Deployment deployment;

    @BeforeAll
    static void startChain() throws Exception {
        assumeTrue(LocalGanache.missing().isEmpty(), () -> "skipped: " + LocalGanache.missing().orElseThrow());
        ganache = LocalGanache.start(OWNER, GATEWAY);
        try (Chain owner = new Chain(ganache.url(), OWNER)) {
            deployment = AccessContracts.deployShared(owner, 60);
            AccessContracts contracts = new AccessContracts(owner, deployment);
            contracts.createResource(RESOURCE, GATEWAY.getAddress());
            contracts.grant(RESOURCE, READER.getAddress(), 0, 0);
        }
    }

    @AfterAll
    static void stopChain() throws Exception {
        if (ganache != null) {
            ganache.close();
        }
    }

    private static EdgeDataApi serve(String chainUrl, Path data) {
        Chain gateway = new Chain(chainUrl, GATEWAY);
        return new EdgeDataApi("127.0.0.1", 0, new AccessContracts(gateway, deployment), new ReadingStore(data), new ReplayGuard(Clock.systemUTC(), Duration.ofSeconds(60)));
    }

    @Test
    void readsAreAnsweredOnlyAfterTheContractAllowsTheSigner(@TempDir Path data) {
        try (EdgeDataApi api = serve(ganache.url(), data)) {
            String url = "http://127.0.0.1:" + api.port();
            IotClient owner = new IotClient(url, OWNER, Clock.systemUTC());
            IotClient reader = new IotClient(url, READER, Clock.systemUTC());
            assertThat(owner.write(RESOURCE, "[{\"value\": 0.42, \"unit\": \"g\"}, {\"value\": 0.47, \"unit\": \"g\"}]").status()).isEqualTo(201);
            assertThat(new IotClient(url, INTRUDER, Clock.systemUTC()).write(RESOURCE, "{\"value\": 9}").status()).as("only the owner stores").isEqualTo(403);
            assertThat(owner.write(RESOURCE, "{\"temperature\": 9}").status()).isEqualTo(400);

            IotClient.Answer answer = reader.read(RESOURCE, 10);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().get("readings")).hasSize(2);
            assertThat(answer.body().at("/decision/transaction").asText()).startsWith("0x");
            assertThat(answer.body().at("/readings/1/value").asDouble()).isEqualTo(0.47);

            IotClient.Answer stranger = new IotClient(url, INTRUDER, Clock.systemUTC()).read(RESOURCE, 10);
            assertThat(stranger.status()).isEqualTo(403);
            assertThat(stranger.body().at("/error/message").asText()).contains("no grant for this requester");
            assertThat(stranger.body().has("readings")).isFalse();
            assertThat(api.decisions()).isEqualTo(2);
        }
    }

    @Test
    void unsignedForgedReplayedAndStaleRequestsAreRefusedBeforeTheChainIsAsked(@TempDir Path data) {
        try (EdgeDataApi api = serve(ganache.url(), data)) {
            String url = "http://127.0.0.1:" + api.port();
            IotClient reader = new IotClient(url, READER, Clock.systemUTC());
            String path = "/resources/" + RESOURCE + "/readings?limit=5";

            IotClient.Answer unsigned = reader.exchange(HttpRequest.newBuilder(URI.create(url + path)).GET().build());
            assertThat(unsigned.status()).isEqualTo(401);
            assertThat(unsigned.body().at("/error/code").asText()).isEqualTo("UNSIGNED");

            Map<String, String> forged = SignedRequest.sign(INTRUDER, "GET", path, System.currentTimeMillis(), new byte[0]);
            forged.put(SignedRequest.ACCOUNT, READER.getAddress());
            assertThat(code(reader, url + path, forged)).isEqualTo("BAD_SIGNATURE");

            Map<String, String> tampered = SignedRequest.sign(READER, "GET", "/resources/" + RESOURCE + "/readings?limit=1", System.currentTimeMillis(), new byte[0]);
            assertThat(code(reader, url + path, tampered)).as("signed another query").isEqualTo("BAD_SIGNATURE");

            Map<String, String> once = SignedRequest.sign(READER, "GET", path, System.currentTimeMillis(), new byte[0]);
            assertThat(send(reader, url + path, once).status()).isEqualTo(200);
            assertThat(code(reader, url + path, once)).as("the same signed request again").isEqualTo("REPLAYED");

            IotClient late = new IotClient(url, READER, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
            assertThat(late.read(RESOURCE, 5).body().at("/error/code").asText()).isEqualTo("REPLAYED");
            assertThat(api.decisions()).as("only the one good request reached the contract").isEqualTo(1);
        }
    }

    @Test
    void aRevokedGrantIsDeniedAtTheNextRequest(@TempDir Path data) {
        Credentials temporary = Accounts.generate();
        try (EdgeDataApi api = serve(ganache.url(), data); Chain owner = new Chain(ganache.url(), OWNER)) {
            AccessContracts contracts = new AccessContracts(owner, deployment);
            contracts.grant(RESOURCE, temporary.getAddress(), 0, 0);
            IotClient client = new IotClient("http://127.0.0.1:" + api.port(), temporary, Clock.systemUTC());
            assertThat(client.read(RESOURCE, 1).status()).isEqualTo(200);
            contracts.revoke(RESOURCE, temporary.getAddress());
            IotClient.Answer after = client.read(RESOURCE, 1);
            assertThat(after.status()).isEqualTo(403);
            assertThat(after.body().at("/decision/reason").asText()).contains("revoked");
        }
    }

    @Test
    void aChainThatIsDownFailsClosed(@TempDir Path data) {
        try (EdgeDataApi api = serve("http://127.0.0.1:1", data)) {
            IotClient.Answer answer = new IotClient("http://127.0.0.1:" + api.port(), READER, Clock.systemUTC()).read(RESOURCE, 1);
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.body().at("/error/code").asText()).isEqualTo("CHAIN_UNAVAILABLE");
            assertThat(answer.body().at("/error/message").asText()).contains("cannot be reached", "denied");
            assertThat(answer.body().has("readings")).isFalse();
        }
    }

    private static IotClient.Answer send(IotClient client, String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(request::header);
        return client.exchange(request.build());
    }

    private static String code(IotClient client, String url, Map<String, String> headers) {
        return send(client, url, headers).body().at("/error/code").asText();
    }
}
