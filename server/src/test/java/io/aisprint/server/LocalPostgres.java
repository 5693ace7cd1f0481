package io.aisprint.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from Debian's packages: initdb in a temporary folder, the
 * postmaster on 127.0.0.1 at a free port, stopped by its PID. As root it runs as the postgres user
 * (PostgreSQL refuses to run as root).
 */
final class LocalPostgres implements AutoCloseable {
    private final Path folder;
    private final int port;

    private LocalPostgres(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** The newest installed PostgreSQL's bin folder, if any. */
    static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static LocalPostgres start(Path bin) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("aisprint-pg-");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "-R", "postgres", folder.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", folder.resolve("data").toString(), "-A", "trust", "-U", "aisprint",
                "-E", "UTF8", "--no-sync"), root);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> postgres = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(),
                "-l", folder.resolve("log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
        run(postgres, root);
        return new LocalPostgres(folder, port);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=aisprint";
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + output);
        }
    }

    /** Stops the postmaster by its PID (fast shutdown) and removes the folder. */
    @Override
    public void close() throws Exception {
        Path pidFile = folder.resolve("data/postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
                handle.get().onExit().get(30, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
