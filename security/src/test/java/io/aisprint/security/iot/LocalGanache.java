package io.aisprint.security.iot;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;

/**
 * A ganache chain on 127.0.0.1 and a free port, started from security/contracts/node_modules
 * (npm ci there) with the given accounts funded; stopped by its process handle.
 */
final class LocalGanache implements AutoCloseable {
    private final Process process;
    private final String url;

    private LocalGanache(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Why ganache cannot start here, if it cannot. */
    static Optional<String> missing() {
        if (!ContractArtifact.available()) {
            return Optional.of("no compiled contracts in this build (node and 'npm ci' in security/contracts were missing at build time)");
        }
        if (cli().isEmpty()) {
            return Optional.of("ganache is not installed; run 'npm ci' in security/contracts");
        }
        return Optional.empty();
    }

    static LocalGanache start(Credentials... funded) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("node", cli().orElseThrow().toString(), "--server.host", "127.0.0.1", "--server.port", Integer.toString(port),
            "--chain.chainId", "1337", "--logging.quiet", "--miner.instamine", "eager"));
        for (Credentials account : funded) {
            command.add("--wallet.accounts=" + org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(account.getEcKeyPair().getPrivateKey(), 64) + ",0x3635C9ADC5DEA00000");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String url = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return new LocalGanache(process, url);
                }
            } catch (IOException e) {
                Thread.sleep(200);
            }
            if (!process.isAlive()) {
                throw new IOException("ganache exited with " + process.exitValue());
            }
        }
        process.destroyForcibly();
        throw new IOException("ganache did not answer on " + url + " within 60 s");
    }

    String url() {
        return url;
    }

    private static Optional<Path> cli() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            for (Path candidate : List.of(directory.resolve("contracts/node_modules/ganache/dist/node/cli.js"),
                directory.resolve("security/contracts/node_modules/ganache/dist/node/cli.js"))) {
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
            directory = directory.getParent();
        }
        return Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
