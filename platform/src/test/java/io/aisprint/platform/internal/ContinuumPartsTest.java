package io.aisprint.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContinuumPartsTest {

    static SystemDescription maskDetection() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples/mask-detection");
            if (Files.isDirectory(candidate)) {
                return SystemReaders.read(candidate);
            }
        }
        throw new IllegalStateException("examples/mask-detection not found");
    }

    @Test
    void networkDelayIsAccessDelayPlusSizeOverBandwidthOfTheFastestSharedDomain() {
        Network network = new Network(maskDetection().continuum());
        assertThat(network.delay("RaspberryPi4", "RaspberryPi4", 5)).isZero();
        // Edge and cloud only share ND1 (4G uplink): 0.05 s + 0.3 MB / 20 Mb/s.
        assertThat(network.delay("RaspberryPi4", "VM-t3xlarge", 0.3)).isCloseTo(0.065, offset(1e-12));
        // Two edge devices share the LAN (ND2) as well, which is faster.
        assertThat(network.delay("RaspberryPi4", "JetsonNano", 0.3)).isCloseTo(0.001 + 0.3 / 100, offset(1e-12));
    }

    @Test
    void layersWithNoSharedDomainAreUnreachableForPerfPlacementAndPlatformAlike() {
        io.aisprint.model.SystemDescription system = maskDetection();
        io.aisprint.model.Continuum unlinked = new io.aisprint.model.Continuum(system.continuum().layers(), java.util.List.of());
        io.aisprint.model.SystemDescription cut = new io.aisprint.model.SystemDescription(system.application(), unlinked,
            system.performance(), system.source());
        io.aisprint.placement.internal.CompiledProblem compiled = io.aisprint.placement.internal.CompiledProblem.compile(cut,
            system.application().lambda(), io.aisprint.placement.Semantics.cpp());
        int pi = java.util.Arrays.asList(compiled.resource).stream().map(io.aisprint.model.Resource::name).toList().indexOf("RaspberryPi4");
        int vm = java.util.Arrays.asList(compiled.resource).stream().map(io.aisprint.model.Resource::name).toList().indexOf("VM-t3xlarge");

        double platform = new Network(unlinked).delay("RaspberryPi4", "VM-t3xlarge", 0.3);
        double perf = io.aisprint.perf.NetworkModel.of(unlinked).transferTime(
            unlinked.resourcesByName().get("RaspberryPi4").layer(), unlinked.resourcesByName().get("VM-t3xlarge").layer(), 0.3);
        double placement = compiled.transfer(pi, vm, 0.3);

        assertThat(platform).isInfinite();
        assertThat(perf).isInfinite();
        assertThat(placement).isInfinite();
        assertThat(compiled.connected(pi, vm)).isFalse();
    }

    @Test
    void faasPoolStartsColdReusesWarmContainersAndKillsIdleOnes() {
        FaasPool pool = new FaasPool(1_000);
        assertThat(pool.acquire(0)).as("first request starts cold").isTrue();
        assertThat(pool.acquire(10)).as("no idle container: a second cold start").isTrue();
        pool.release(100);
        assertThat(pool.acquire(200)).as("an idle warm container is reused").isFalse();
        pool.release(300);
        pool.release(300);
        assertThat(pool.containers(400)).isEqualTo(2);
        assertThat(pool.containers(1_400)).as("idle longer than the keep-alive: killed").isZero();
        assertThat(pool.acquire(1_500)).isTrue();
        assertThat(pool.coldStarts()).isEqualTo(3);
        assertThat(pool.warmStarts()).isEqualTo(1);
    }

    @Test
    void responseWindowsGivePercentilesOverTheWindowOnly() {
        ResponseWindows windows = new ResponseWindows(1_000);
        windows.add("c", 0, 99.0);
        for (int i = 1; i <= 100; i++) {
            windows.add("c", 500, i / 100.0);
        }
        var stats = windows.stats("c", 1_200);
        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.p50()).isCloseTo(0.50, offset(1e-9));
        assertThat(stats.p95()).isCloseTo(0.95, offset(1e-9));
        assertThat(windows.stats("c", 10_000).count()).isZero();
    }
}
