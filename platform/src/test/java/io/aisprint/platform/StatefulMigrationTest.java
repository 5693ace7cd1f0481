package io.aisprint.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.cluster.ClusterConfig;
import io.aisprint.cluster.ClusterDriver;
import io.aisprint.cluster.ClusterWorker;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.platform.examples.ExampleCode;
import io.aisprint.platform.examples.MaskCounter;
import io.aisprint.platform.internal.ClusterContinuum;
import io.aisprint.platform.internal.RequestFlow;
import io.aisprint.platform.internal.Route;
import io.aisprint.runtime.NodeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A stateful component (the mask-detector's running counts) re-placed from one VM type to another
 * while requests flow: the requests already on the old worker finish there, the state then moves
 * exactly once, and only then does the new worker serve; no count is lost or counted twice.
 */
class StatefulMigrationTest {
    private static final int PORT = io.aisprint.testsupport.FreePorts.block();
    private static final int REQUESTS = 30;

    private static ClusterConfig config(String name, Map<String, String> labels) {
        return ClusterConfig.of(new NodeSpec(name, 1, 1024, 0, null, labels), ClusterConfig.loopback(PORT, 10))
                .withPorts(PORT, PORT + 100, 10).withJoinTimeout(Duration.ofSeconds(60));
    }

    private static Placement detectorOn(String vm) {
        return new Placement(2, List.of(
                new Placement.ComponentPlacement("blurry-faces", "base",
                        List.of(new Placement.PartitionPlacement("base", "RaspberryPi4", 0)), 0, 0),
                new Placement.ComponentPlacement("mask-detector", "base",
                        List.of(new Placement.PartitionPlacement("base", vm, 0)), 0, 0)),
                Map.of("RaspberryPi4", 1, vm, 1), List.of(), 0, true);
    }

    @Test
    void theStateMovesExactlyOnceBeforeTheNewWorkerServes() throws Exception {
        SystemDescription system = Examples.maskDetection();
        try (ClusterWorker pi = ClusterWorker.start(config("pi", Map.of("resource", "RaspberryPi4")));
                ClusterWorker before = ClusterWorker.start(config("before", Map.of("resource", "VM-t3xlarge", "speed", "0.2")));
                ClusterWorker after = ClusterWorker.start(config("after", Map.of("resource", "VM-g4dnxlarge")));
                ClusterDriver driver = ClusterDriver.start(config("driver", Map.of()))) {
            driver.awaitWorkers(3, Duration.ofSeconds(60));
            try (ClusterContinuum continuum = new ClusterContinuum(system, driver, line -> { })) {
                AtomicReference<Route> route = new AtomicReference<>(continuum.apply(detectorOn("VM-t3xlarge")));
                RequestFlow flow = new RequestFlow(system, continuum, route::get, new RequestFlow.Listener() {
                    @Override
                    public void componentDone(long requestId, String component, String resource, long start, long end) {
                    }

                    @Override
                    public void requestDone(long requestId, long arrival, long end, String failure) {
                    }
                });
                Random random = new Random(3);
                for (int i = 1; i <= REQUESTS; i++) {
                    flow.submit(route.get(), i, ExampleCode.newRequestInput(random));
                }
                // Re-placed while the first requests are still queued on the slow old worker.
                route.set(continuum.apply(detectorOn("VM-g4dnxlarge")));
                for (int i = REQUESTS + 1; i <= 2 * REQUESTS; i++) {
                    flow.submit(route.get(), i, ExampleCode.newRequestInput(random));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (flow.inFlight() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }

                assertThat(flow.completed()).isEqualTo(2 * REQUESTS);
                Route.Step detector = route.get().components().get("mask-detector").steps().get(0);
                MaskCounter.Counts moved = (MaskCounter.Counts) continuum.peekState(detector, "after");
                MaskCounter.Counts left = (MaskCounter.Counts) continuum.peekState(detector, "before");
                assertThat(moved.moves()).as("state moves").isEqualTo(1);
                assertThat(moved.frames()).as("every frame counted once").isEqualTo(2 * REQUESTS);
                assertThat(left.frames()).isZero();
                assertThat(continuum.stateMoves()).isEqualTo(1);
            }
        }
    }
}
