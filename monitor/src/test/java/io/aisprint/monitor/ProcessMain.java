package io.aisprint.monitor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Entry point of the child JVMs the kill -9 tests start: {@code serve DATA_DIR PORT} or
 * {@code agent BUFFER_DIR PORT UPSTREAM_URL}. Prints {@code READY} once listening, then waits to
 * be killed.
 */
public final class ProcessMain {
    private ProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig listen = ServerConfig.ephemeral(Clock.systemUTC()).withPorts(Integer.parseInt(args[2]), -1);
        if (args[0].equals("serve")) {
            MonitorServer.start(MetricStores.embedded(Path.of(args[1])), listen);
        } else {
            ForwardingAgent.start(new AgentConfig(listen, URI.create(args[3]), Path.of(args[1]), 256L << 20, AgentConfig.DEFAULT_DATABASE));
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
