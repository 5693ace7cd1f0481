package io.aisprint.cluster;

import io.aisprint.runtime.TaskRuntime;
import io.aisprint.runtime.spi.SchedulingPolicy;

/** The behavioural suite on the in-process runtime (no engine, no JVM flags needed). */
class InProcessBehaviourTest extends RuntimeBehaviourSuite {
    @Override
    protected TaskRuntime open(SchedulingPolicy policy) {
        return TaskRuntime.builder().node(TestClusters.EDGE).node(TestClusters.CLOUD).policy(policy).build();
    }
}
