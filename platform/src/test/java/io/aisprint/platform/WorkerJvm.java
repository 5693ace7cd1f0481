package io.aisprint.platform;

import io.aisprint.cluster.ClusterWorker;
import io.aisprint.cluster.JvmFlags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stock worker in its own JVM (the class path of this test JVM: the platform's example code is
 * on it, as on an 'aisprint worker'), labelled with the resource it stands for; tests kill -9 it.
 */
final class WorkerJvm implements AutoCloseable {
    private final Process process;

    private WorkerJvm(Process process) {
        this.process = process;
    }

    static WorkerJvm start(String name, String labels, int discoveryPort, Path logs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.IGNITE_ADD_OPENS);
        command.addAll(JvmFlags.IGNITE_QUIET);
        command.addAll(List.of("-Xmx200m", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                ClusterWorker.class.getName(), "--name", name, "--labels", labels, "--cores", "1",
                "--join", "127.0.0.1:" + discoveryPort + ".." + (discoveryPort + 9), "--port", Integer.toString(discoveryPort),
                "--communication-port", Integer.toString(discoveryPort + 100), "--failure-detection-ms", "5000"));
        return new WorkerJvm(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile()).start());
    }

    /** kill -STOP: it keeps its connections but answers nothing. */
    void freeze() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
    }

    /** kill -9 (a frozen JVM dies as well). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
