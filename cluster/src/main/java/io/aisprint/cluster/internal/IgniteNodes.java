package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterConfig;
import io.aisprint.cluster.ClusterException;
import io.aisprint.cluster.JvmFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;

/** Starts and stops Ignite nodes with errors a user can act on. */
public final class IgniteNodes {
    private IgniteNodes() {
    }

    public static Ignite start(ClusterConfig config, String role) {
        if (!JvmFlags.presentInThisJvm()) {
            throw new ClusterException("this JVM lacks the --add-opens flags Ignite needs on Java 17.\n"
                    + "Start it with the flags in io.aisprint.cluster.JvmFlags (the ./aisprint launcher and"
                    + " docs/cluster.md list them).");
        }
        IgniteConfiguration ignite = IgniteConfigs.build(config, role);
        Ignite started;
        try {
            started = Ignition.start(ignite);
        } catch (RuntimeException | Error failed) {
            deleteTree(Path.of(ignite.getWorkDirectory()));
            throw new ClusterException("node '" + config.node().name() + "' could not join the cluster at "
                    + config.join() + ": " + rootMessage(failed)
                    + "\nCheck that a member is listening there, that ports " + config.discoveryPort() + "+ and "
                    + config.communicationPort() + "+ are free on " + config.localHost()
                    + (config.tlsDirectory() != null ? ", and that this node's certificate is signed by a CA the"
                    + " other members trust" : ", and that the members do not require TLS") + ".", failed);
        }
        Messenger messenger = Messenger.start(started);
        if (NodeAttributes.WORKER.equals(role)) {
            WorkerRunner.start(messenger, config.node());
        }
        return started;
    }

    public static void stop(Ignite ignite) {
        String workDirectory = ignite.configuration().getWorkDirectory();
        String name = ignite.name();
        try {
            Messenger.stop(name);
            Ignition.stop(name, true);
        } finally {
            LocalStore.drop(name);
            deleteTree(Path.of(workDirectory));
        }
    }

    static String rootMessage(Throwable error) {
        Throwable cause = error;
        String message = error.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // leftover temporary files are harmless
        }
    }
}
