package io.aisprint.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a remote body sees on the node that runs it. */
public interface RemoteContext {
    /** The input values in the order given to {@link Remote#call}; {@link RemoteRef}s arrive resolved. */
    List<Object> args();

    @SuppressWarnings("unchecked")
    default <T> T arg(int index) {
        return (T) args().get(index);
    }

    /** A file input staged onto this node (a local copy of the driver's version). */
    Path file(int index);

    /** The name of the node running the body. */
    String nodeName();

    /** The labels of the node running the body. */
    Map<String, String> labels();

    String taskName();

    /** 1 for the first attempt, 2 for the first retry, and so on. */
    int attempt();
}
