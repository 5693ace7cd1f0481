package io.aisprint.security.tpm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real software TPM for tests: swtpm in socket mode on free loopback ports with its own state
 * folder, driven by the tpm2-tools commands. Stopped by its process (never by name).
 */
public final class SoftwareTpm implements AutoCloseable {
    private final Path directory;
    private final Process process;
    private final int port;

    private SoftwareTpm(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
    }

    /** Starts one, or skips the test when swtpm or tpm2-tools are missing. */
    public static SoftwareTpm start(Path directory) throws IOException, InterruptedException {
        assumeTrue(onPath("swtpm") && onPath("tpm2_quote") && onPath("tpm2_createak"),
            "swtpm / tpm2-tools are not installed (apt-get install swtpm swtpm-tools tpm2-tools): TPM quote test skipped");
        Path state = Files.createDirectories(directory.resolve("tpm-state"));
        String problem = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            // The swtpm TCTI of tpm2-tools always talks to the control channel on the server port + 1.
            int server = freePort();
            int control = server + 1;
            Process process = new ProcessBuilder("swtpm", "socket", "--tpm2", "--tpmstate", "dir=" + state,
                "--server", "type=tcp,port=" + server + ",bindaddr=127.0.0.1", "--ctrl", "type=tcp,port=" + control + ",bindaddr=127.0.0.1",
                "--flags", "not-need-init,startup-clear")
                .redirectErrorStream(true).redirectOutput(directory.resolve("swtpm.log").toFile()).start();
            SoftwareTpm tpm = new SoftwareTpm(directory, process, server);
            if (tpm.awaitReady()) {
                return tpm;
            }
            tpm.close();
            problem = tpm.lastProblem + " / " + Files.readString(directory.resolve("swtpm.log"));
        }
        throw new IOException("swtpm did not start: " + problem);
    }

    /** Runs a tpm2-tools command against this TPM in its folder; returns standard output. */
    public String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("TPM2TOOLS_TCTI", tcti());
        Path output = Files.createTempFile(directory, "out", ".txt");
        Process tool = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            tool.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(output));
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** tpm2-tools without a resource manager run out of object slots unless transient objects are flushed. */
    public void flush() throws IOException, InterruptedException {
        run("tpm2_flushcontext", "-t");
        run("tpm2_flushcontext", "-s");
    }

    /** The TPM2TOOLS_TCTI value that reaches this TPM. */
    public String tcti() {
        return "swtpm:host=127.0.0.1,port=" + port;
    }

    public Path file(String name) {
        return directory.resolve(name);
    }

    private String lastProblem = "";

    private boolean awaitReady() throws InterruptedException {
        for (int i = 0; i < 50 && process.isAlive(); i++) {
            try {
                run("tpm2_getrandom", "--hex", "4");
                return true;
            } catch (IOException notYet) {
                lastProblem = notYet.getMessage();
                Thread.sleep(100);
            }
        }
        return false;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static boolean onPath(String tool) {
        List<String> path = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        return path.stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
