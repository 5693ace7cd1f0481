package io.aisprint.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.cluster.RemoteRef;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class KeptValuesTest {

    @Test
    void aSecondCopyOfATrackedReferenceBecomesTheFirst() {
        try (KeptValues kept = new KeptValues(keys -> { })) {
            RemoteRef<int[]> first = kept.track(new RemoteRef<>("w1", "k"));
            RemoteRef<int[]> again = kept.track(new RemoteRef<>("w1", "k"));
            assertThat(again).isSameAs(first);
            assertThat(kept.tracked()).isEqualTo(1);
        }
    }

    @Test
    void keysAreFreedOnceTheirReferencesAreDroppedAndOnlyThen() throws Exception {
        List<String> freed = new CopyOnWriteArrayList<>();
        try (KeptValues kept = new KeptValues(freed::addAll)) {
            RemoteRef<int[]> held = kept.track(new RemoteRef<>("w1", "held"));
            kept.track(new RemoteRef<>("w1", "dropped"));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!freed.contains("dropped") && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(freed).containsExactly("dropped");
            assertThat(held.key()).isEqualTo("held");
        }
    }
}
