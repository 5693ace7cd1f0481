package io.aisprint.learn.fl;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.data.FashionMnist;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts a federation as separate JVM processes on loopback: one server (on a free port) and
 * clients, each training in its own process on its own data part. Server lines about rounds are
 * forwarded to {@code out}; every process's full output is kept in {@code work/NAME.log}.
 * Closing it kills whatever still runs.
 */
public final class LocalFederation implements AutoCloseable {
    private static final List<String> FORWARDED = List.of("round ", "  rejected", "  secure", "warning", "resumed");

    private final Path work;
    private final PrintStream out;
    private final List<Process> processes = new ArrayList<>();
    private Process server;
    private CompletableFuture<Integer> port;
    private Path result;

    public LocalFederation(Path work, PrintStream out) {
        this.work = work;
        this.out = out;
    }

    /** Runs a whole federation: the server, then {@code clients} clients named client-1.., until the last round. */
    public static RunResult run(ServerSettings settings, int clients, Path work, PrintStream out, Duration timeout) {
        try (LocalFederation federation = new LocalFederation(work, out)) {
            URI address = federation.startServer(settings);
            for (int i = 1; i <= clients; i++) {
                federation.startClient(new ClientSettings(address, "client-" + i, i - 1, settings.data(), 0, 0, "", false, false, 60));
            }
            return federation.awaitResult(timeout);
        }
    }

    /** Starts the server process and waits until it listens; returns its address. */
    public URI startServer(ServerSettings settings) {
        FashionMnist.load(settings.data(), "t10k"); // a bad data folder is reported here, by name, not by a child's log
        result = work.resolve("result.json");
        List<String> arguments = new ArrayList<>(settings.toArguments());
        arguments.addAll(List.of("--result", result.toString())); // the settings' port: 0 is a free one, a restart reuses the old one
        try {
            Files.createDirectories(work);
            Files.deleteIfExists(result);
        } catch (IOException e) {
            throw new LearnException(LearnErrorCode.RUN_FAILED, "Cannot use the work folder " + work + ": " + e.getMessage(), e);
        }
        server = launch("server", "512m", "2", arguments);
        port = new CompletableFuture<>();
        Process watched = server;
        Thread reader = new Thread(() -> forward(watched, port), "fl-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return URI.create("http://127.0.0.1:" + port.get(120, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new LearnException(LearnErrorCode.RUN_FAILED, "The FL server did not start: " + tail(work.resolve("server.log")), e);
        }
    }

    /** Starts a server again on the same settings (as after a crash); returns its new address. */
    public URI restartServer(ServerSettings settings) {
        return startServer(settings);
    }

    public Process startClient(ClientSettings settings) {
        // 10 client JVMs hold libtorch each; -Daisprint.fl.client-heap=192m keeps a large federation small on a shared machine
        return launch(settings.name(), System.getProperty("aisprint.fl.client-heap", "320m"), "1", settings.toArguments());
    }

    /** Kills the server process at once (kill -9), as a crash would. */
    public void killServer() {
        server.destroyForcibly();
        try {
            server.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the server to finish its last round and returns the run. */
    public RunResult awaitResult(Duration timeout) {
        try {
            if (!server.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LearnException(LearnErrorCode.RUN_FAILED, "The federated run did not finish within " + timeout.toSeconds() + " s.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LearnException(LearnErrorCode.RUN_FAILED, "interrupted while waiting for the FL server", e);
        }
        if (server.exitValue() != 0 || !Files.exists(result)) {
            throw new LearnException(LearnErrorCode.RUN_FAILED, "The FL server failed (exit " + server.exitValue() + "): "
                + tail(work.resolve("server.log")));
        }
        return RunReport.load(result);
    }

    public Path work() {
        return work;
    }

    private Process launch(String name, String heap, String threads, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + heap, "-XX:+UseSerialGC", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=" + threads,
            "-Dai.djl.pytorch.num_interop_threads=1", "-cp", System.getProperty("java.class.path"), FlMain.class.getName(),
            name.equals("server") ? "server" : "client"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_NUM_THREADS", threads);
        if (!name.equals("server")) {
            builder.redirectOutput(work.resolve(name + ".log").toFile());
        }
        try {
            Process process = builder.start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new LearnException(LearnErrorCode.RUN_FAILED, "Cannot start the " + name + " process: " + e.getMessage(), e);
        }
    }

    private void forward(Process process, CompletableFuture<Integer> listening) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(work.resolve("server.log"), StandardCharsets.UTF_8,
                 java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.println(line);
                if (line.startsWith("listening http://127.0.0.1:")) {
                    listening.complete(Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim()));
                }
                String shown = line;
                if (FORWARDED.stream().anyMatch(shown::startsWith)) {
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                }
            }
        } catch (IOException e) {
            // the process ended; its exit code tells the rest
        } finally {
            listening.completeExceptionally(new IOException("the server process ended"));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            try {
                if (!process.waitFor(process == server ? 5 : 10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
