package io.aisprint.platform.examples;

/** The real code of one partition of a component: it takes the previous step's output and does the work. */
@FunctionalInterface
public interface PartitionCode {

    /** What a partition produced, and whether the request leaves the component here (early exit). */
    record Result(Object output, boolean exitEarly) {
    }

    Result run(Object input);
}
