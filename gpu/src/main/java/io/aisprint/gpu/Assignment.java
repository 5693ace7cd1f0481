package io.aisprint.gpu;

/** A job running on a node in a configuration. */
public record Assignment(String jobId, String nodeId, Configuration configuration) {
}
