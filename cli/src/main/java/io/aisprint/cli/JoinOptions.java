package io.aisprint.cli;

import io.aisprint.cluster.ClusterDriver;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of commands that drive cluster workers ({@code run --join}, {@code profile --join}). */
final class JoinOptions {
    @Option(names = "--join", split = ",", paramLabel = "HOST:PORT",
            description = "the workers' cluster: members to contact, comma separated; HOST:PORT..PORT covers a range."
                    + " Workers stand for resources by their label resource=R.")
    List<String> join;

    @Option(names = "--min-workers", paramLabel = "N", defaultValue = "1",
            description = "with --join: wait for at least N workers (default: ${DEFAULT-VALUE})")
    int minWorkers;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "with --join: the address this process binds and advertises (default: ${DEFAULT-VALUE})")
    String host;

    boolean given() {
        return join != null && !join.isEmpty();
    }

    /** Joins the cluster and waits for the workers; {@code out} (may be null) gets a line naming them. */
    ClusterDriver driver(PrintWriter out) {
        return DriverSetup.join(join, host, minWorkers, out);
    }
}
