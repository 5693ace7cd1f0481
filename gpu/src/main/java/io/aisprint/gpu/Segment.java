package io.aisprint.gpu;

import java.util.List;

/** A stretch of time a job ran on concrete GPUs of a node (a bar of the Gantt chart). */
public record Segment(String jobId, String nodeId, List<Integer> gpuIndices, Configuration configuration,
                      double start, double end, boolean profiling) {
    public Segment {
        gpuIndices = List.copyOf(gpuIndices);
    }
}
