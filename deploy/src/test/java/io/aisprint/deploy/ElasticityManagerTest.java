package io.aisprint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.deploy.elastic.ElasticityManager;
import io.aisprint.deploy.elastic.ElasticityManager.NodeState;
import io.aisprint.deploy.elastic.ElasticityPolicy;
import io.aisprint.deploy.elastic.PowerManager;
import io.aisprint.deploy.elastic.WorkloadView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CLUES's policies on a purpose-built cluster whose nodes join the step after they are powered on. */
class ElasticityManagerTest {
    private final MutableClock clock = new MutableClock();
    private final FakeCluster cluster = new FakeCluster();

    @Test
    void pendingWorkPowersNodesOnUpToTheMaximumAndIdleNodesOffAfterTheIdleTime() {
        ElasticityManager manager = manager(new ElasticityPolicy(1, 3, 0, 2, Duration.ofSeconds(60), Duration.ofSeconds(300)));
        manager.step();
        assertThat(cluster.powered).containsExactly("n1"); // the minimum
        cluster.unfinished = 10; // 5 nodes' worth, capped at 3
        tick(manager, 1);
        assertThat(cluster.powered).containsExactly("n1", "n2", "n3");
        assertThat(manager.states()).containsEntry("n2", NodeState.POWERING_ON);
        tick(manager, 1);
        assertThat(manager.states()).containsEntry("n2", NodeState.USED).containsEntry("n3", NodeState.USED);
        cluster.unfinished = 3; // two nodes busy, n3 idle from now
        tick(manager, 1);
        assertThat(manager.states()).containsEntry("n3", NodeState.IDLE);
        tick(manager, 59);
        assertThat(cluster.powered).contains("n3");
        tick(manager, 2);
        assertThat(cluster.powered).containsExactly("n1", "n2");
        cluster.unfinished = 0; // n2 is idle from now on; n1 stays, the minimum
        tick(manager, 30);
        assertThat(cluster.powered).containsExactly("n1", "n2");
        tick(manager, 31);
        assertThat(cluster.powered).containsExactly("n1", "n2");
        tick(manager, 30);
        assertThat(cluster.powered).containsExactly("n1");
        assertThat(manager.history()).filteredOn(a -> !a.on()).extracting(ElasticityManager.Action::node).containsExactly("n3", "n2");
    }

    @Test
    void spareNodesStayOnWithoutWork() {
        ElasticityManager manager = manager(new ElasticityPolicy(0, 4, 1, 1, Duration.ofSeconds(10), Duration.ofSeconds(300)));
        manager.step();
        tick(manager, 100);
        assertThat(cluster.powered).containsExactly("n1");
        cluster.unfinished = 2;
        tick(manager, 1);
        assertThat(cluster.powered).containsExactly("n1", "n2", "n3");
    }

    @Test
    void aNodeThatNeverJoinsIsPoweredOffAfterMaxWaitPowerOnAndTriedAgain() {
        cluster.broken.add("n1");
        ElasticityManager manager = manager(new ElasticityPolicy(1, 2, 0, 1, Duration.ofSeconds(10), Duration.ofSeconds(30)));
        manager.step();
        tick(manager, 31);
        assertThat(manager.history()).anyMatch(a -> !a.on() && a.node().equals("n1") && a.reason().contains("did not join"));
        tick(manager, 1);
        assertThat(manager.states()).containsEntry("n1", NodeState.POWERING_ON);
    }

    private ElasticityManager manager(ElasticityPolicy policy) {
        return new ElasticityManager(policy, cluster, cluster, clock, List.of("n1", "n2", "n3", "n4"));
    }

    private void tick(ElasticityManager manager, int seconds) {
        clock.now = clock.now.plusSeconds(seconds);
        cluster.joinPowered();
        manager.step();
    }

    /** Nodes join at the next observation after power-on; broken ones never do. */
    private static final class FakeCluster implements PowerManager, WorkloadView {
        final Set<String> powered = new LinkedHashSet<>();
        final Set<String> live = new LinkedHashSet<>();
        final Set<String> broken = new LinkedHashSet<>();
        int unfinished;

        @Override
        public void powerOn(String node) {
            powered.add(node);
        }

        @Override
        public void powerOff(String node) {
            powered.remove(node);
            live.remove(node);
        }

        void joinPowered() {
            powered.stream().filter(n -> !broken.contains(n)).forEach(live::add);
        }

        @Override
        public int unfinishedTasks() {
            return unfinished;
        }

        @Override
        public Set<String> liveNodes() {
            return new LinkedHashSet<>(new ArrayList<>(live));
        }
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
