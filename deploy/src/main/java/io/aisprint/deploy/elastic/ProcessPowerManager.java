package io.aisprint.deploy.elastic;

import io.aisprint.deploy.DeployException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Powers worker nodes on and off as local processes ({@code aisprint worker --name <node> …}):
 * on starts the command for the node, off stops the process (SIGTERM, so the worker leaves the
 * cluster, then SIGKILL after a grace period).
 */
public final class ProcessPowerManager implements PowerManager {
    private final Function<String, List<String>> command;
    private final Path logs;
    private final Map<String, Process> processes = new LinkedHashMap<>();

    /** @param command the command line that starts the named worker; its output goes to {@code logs/<node>.log} */
    public ProcessPowerManager(Function<String, List<String>> command, Path logs) {
        this.command = command;
        this.logs = logs;
    }

    @Override
    public synchronized void powerOn(String node) {
        Process running = processes.get(node);
        if (running != null && running.isAlive()) {
            return;
        }
        try {
            processes.put(node, new ProcessBuilder(command.apply(node)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(node + ".log").toFile())).start());
        } catch (IOException e) {
            throw new DeployException(DeployException.Code.REMOTE, "", node, "cannot start the worker process (" + e.getMessage() + ")");
        }
    }

    @Override
    public synchronized void powerOff(String node) {
        Process process = processes.remove(node);
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The nodes whose process runs now. */
    public synchronized List<String> running() {
        return processes.entrySet().stream().filter(e -> e.getValue().isAlive()).map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized void close() {
        for (String node : List.copyOf(processes.keySet())) {
            powerOff(node);
        }
    }
}
