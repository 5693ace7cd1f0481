package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterException;
import io.aisprint.cluster.RemoteContext;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The context a remote body runs with, on the worker or in-process. */
record RemoteContextImpl(List<Object> args, String nodeName, Map<String, String> labels, String taskName, int attempt)
        implements RemoteContext {

    RemoteContextImpl {
        args = Collections.unmodifiableList(args);
    }

    @Override
    public Path file(int index) {
        Object value = args.get(index);
        if (value instanceof Path path) {
            return path;
        }
        throw new ClusterException("input " + index + " of task '" + taskName + "' is a "
                + (value == null ? "null" : value.getClass().getSimpleName()) + ", not a file; pass the declared Path to Remote.call");
    }
}
