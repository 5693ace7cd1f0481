package io.aisprint.runtime.spi;

import java.util.Map;

/** What a scheduling policy may know about a ready task. */
public interface TaskInfo {
    long id();

    String name();

    /** The component tag, or null. */
    String component();

    /** The partition tag, or null. */
    String partition();

    /** Node name to number of inputs (objects or files) whose current version lives there. */
    Map<String, Integer> inputLocations();

    /** A node the previous attempt failed on, or null. */
    String avoidNode();
}
