package io.aisprint.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A worker started in its own JVM, as on a real machine, that tests can kill -9 or freeze. */
final class WorkerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private WorkerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static WorkerProcess start(String name, String labels, int cores, int discoveryPort, Path logDirectory,
            Map<String, String> extra) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.IGNITE_ADD_OPENS);
        command.addAll(JvmFlags.IGNITE_QUIET);
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), ClusterWorker.class.getName(),
                "--name", name, "--labels", labels, "--cores", Integer.toString(cores),
                "--join", "127.0.0.1:" + discoveryPort + ".." + (discoveryPort + 9),
                "--port", Integer.toString(discoveryPort), "--communication-port", Integer.toString(discoveryPort + 100),
                "--failure-detection-ms", "3000"));
        Map<String, String> environment = new java.util.HashMap<>();
        extra.forEach((key, value) -> {
            if (key.startsWith("env:")) {
                environment.put(key.substring(4), value);
            } else {
                command.add("--" + key);
                command.add(value);
            }
        });
        Path log = logDirectory.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new WorkerProcess(name, builder.start(), log);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** kill -9: the JVM dies without a goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** kill -STOP: the JVM hangs with its sockets open. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException failed) {
            return "(log unreadable: " + failed.getMessage() + ")";
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            thaw();
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
