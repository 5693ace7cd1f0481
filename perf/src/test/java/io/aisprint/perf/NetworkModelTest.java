package io.aisprint.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aisprint.model.Continuum;
import io.aisprint.model.NetworkDomain;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkModelTest {
    private final Continuum continuum = new Continuum(List.of(), List.of(
            new NetworkDomain("slow", List.of("edge", "cloud"), 0.01, 100),
            new NetworkDomain("fast", List.of("edge", "cloud"), 0.001, 1000),
            new NetworkDomain("cloud-only", List.of("cloud", "faas"), 0.002, 500)));

    @Test
    void picksTheFastestSharedDomain() {
        assertThat(NetworkModel.of(continuum).transferTime("edge", "cloud", 5)).isCloseTo(0.006, within(1e-12));
    }

    @Test
    void pythonSemanticsCountsBits() {
        assertThat(new NetworkModel(continuum, 8).transferTime("cloud", "faas", 5)).isCloseTo(0.082, within(1e-12));
    }

    @Test
    void layersWithoutSharedDomainAreDisconnected() {
        NetworkModel network = NetworkModel.of(continuum);
        assertThat(network.transferTime("edge", "faas", 1)).isInfinite();
        assertThat(network.connected("edge", "faas")).isFalse();
        assertThat(network.connected("edge", "cloud")).isTrue();
    }

    @Test
    void compiledLinksPriceLikeTheModelAndUnlinkedLayersAreUnreachable() {
        NetworkModel network = new NetworkModel(continuum, 8);
        assertThat(network.links("edge", "cloud").transferTime(5)).isEqualTo(network.transferTime("edge", "cloud", 5));
        assertThat(network.links("edge", "cloud").transferTime(5)).isCloseTo(0.001 + 8 * 5 / 1000.0, within(1e-12));
        assertThat(network.links("edge", "faas").any()).isFalse();
        assertThat(network.links("edge", "faas").transferTime(0)).as("no domain: not free, unreachable").isInfinite();
        assertThat(network.links("edge", "nowhere").transferTime(1)).as("a layer in no domain").isInfinite();
        assertThat(network.links("cloud", "cloud").transferTime(0)).as("within a layer: the access delay").isCloseTo(0.001, within(1e-12));
    }
}
