package io.aisprint.learn.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.learn.LearnException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SecureAggregationTest {
    private static final int CLIENTS = 7;
    private static final int THRESHOLD = 4;
    private static final int LENGTH = 2000;

    /** One protocol run; clients in {@code dropBeforeMasking} vanish after sharing their keys. */
    private static final class Run {
        final SecureAggregationServer server = new SecureAggregationServer(THRESHOLD);
        final Map<String, SecureAggregationClient> clients = new TreeMap<>();
        final Map<String, int[]> inputs = new TreeMap<>();
        final List<String> survivors = new ArrayList<>();

        Run(Set<String> dropBeforeMasking, long seed) {
            Random values = new Random(seed);
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < CLIENTS; i++) {
                String id = "client-" + i;
                clients.put(id, new SecureAggregationClient(id, THRESHOLD, random));
                inputs.put(id, values.ints(LENGTH, -1000, 1000).toArray());
            }
            clients.values().forEach(c -> server.receiveKeys(c.advertise()));
            clients.values().forEach(c -> server.receiveShares(c.shareKeys(server.advertisedKeys())));
            for (SecureAggregationClient client : clients.values()) {
                if (!dropBeforeMasking.contains(client.id())) {
                    server.receiveMasked(client.maskedInput(server.mailbox(client.id()), inputs.get(client.id())));
                    survivors.add(client.id());
                }
            }
        }

        int[] sum() {
            Protocol.UnmaskRequest request = server.unmaskRequest();
            List<Protocol.RevealedShares> answers = new ArrayList<>();
            for (String id : survivors) {
                answers.add(clients.get(id).unmask(request));
            }
            return server.sum(answers);
        }

        int[] plainSum(List<String> who) {
            int[] total = new int[LENGTH];
            who.forEach(id -> {
                for (int i = 0; i < LENGTH; i++) {
                    total[i] += inputs.get(id)[i];
                }
            });
            return total;
        }
    }

    @Test
    void theSumIsExactWithUpToNMinusTDropouts() {
        List<String> all = new Run(Set.of(), 1).survivors;
        for (int dropouts = 0; dropouts <= CLIENTS - THRESHOLD; dropouts++) {
            Set<String> dropped = new HashSet<>(all.subList(0, dropouts));
            Run run = new Run(dropped, dropouts);
            assertThat(run.sum()).as("%d dropouts", dropouts).containsExactly(run.plainSum(run.survivors));
        }
    }

    @Test
    void tooManyDropoutsCannotBeUnmasked() {
        Run run = new Run(Set.of("client-0", "client-1", "client-2", "client-3"), 9);
        assertThatThrownBy(run::sum).isInstanceOf(LearnException.class).hasMessageContaining("threshold 4");
    }

    @Test
    void whatTheServerSeesOfOneClientLooksUniformWhateverItsInput() {
        Run run = new Run(Set.of(), 3);
        int[] seen = run.server.maskedInputOf("client-2");
        int[] input = run.inputs.get("client-2");
        int equal = 0;
        for (int i = 0; i < LENGTH; i++) {
            equal += seen[i] == input[i] ? 1 : 0;
        }
        assertThat(equal).isLessThan(3);
        assertThat(Uniformity.chiSquareOfTopBytes(seen)).isLessThan(330); // 255 degrees of freedom; p ≈ 0.001 at 330
        // Even with the self mask removed (its seed is revealed for survivors), the pairwise masks still hide the input.
        int[] selfUnmasked = seen.clone();
        byte[] seed = selfMaskSeedFromRevealedShares(run, "client-2");
        Masks.addInto(selfUnmasked, Masks.expand(seed, "self", LENGTH), -1);
        int[] difference = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            difference[i] = selfUnmasked[i] - input[i];
        }
        assertThat(Uniformity.chiSquareOfTopBytes(difference)).isLessThan(330);
        assertThat(Uniformity.chiSquareOfTopBytes(selfUnmasked)).isLessThan(330);
    }

    @Test
    void clientsRefuseToRevealBothSecretsOfOneClient() {
        Run run = new Run(Set.of(), 4);
        SecureAggregationClient honest = run.clients.get("client-0");
        assertThatThrownBy(() -> honest.unmask(new Protocol.UnmaskRequest(Set.of("client-1", "client-2", "client-3", "client-4"),
            Set.of("client-1")))).isInstanceOf(LearnException.class).hasMessageContaining("both survivor and dropped");
        Protocol.UnmaskRequest request = run.server.unmaskRequest();
        honest.unmask(request);
        assertThatThrownBy(() -> honest.unmask(new Protocol.UnmaskRequest(Set.of("client-2", "client-3", "client-4", "client-5"),
            Set.of("client-1")))).isInstanceOf(LearnException.class).hasMessageContaining("already answered");
    }

    @Test
    void shamirNeedsThresholdShares() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        List<Shamir.Share> shares = Shamir.split(secret, 7, 4, new SecureRandom());
        assertThat(Shamir.combine(shares.subList(2, 6), 32)).containsExactly(secret);
        assertThat(Shamir.combine(List.of(shares.get(0), shares.get(3), shares.get(5), shares.get(6)), 32)).containsExactly(secret);
        assertThat(Shamir.combine(shares.subList(0, 3), 32)).isNotEqualTo(secret);
    }

    @Test
    void quantizedModelUpdatesSumBackToTheirFloatSum() {
        Quantizer quantizer = new Quantizer(8.0, 3);
        float[][] updates = {{0.5f, -1.25f, 7.9f}, {0.25f, 2f, -3f}, {-0.125f, 0f, 1f}};
        int[] sum = new int[3];
        for (float[] update : updates) {
            Masks.addInto(sum, quantizer.encode(update), 1);
        }
        float[] decoded = quantizer.decode(sum);
        assertThat(decoded[0]).isCloseTo(0.625f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(decoded[2]).isCloseTo(5.9f, org.assertj.core.data.Offset.offset(1e-6f));
    }

    private static byte[] selfMaskSeedFromRevealedShares(Run run, String target) {
        Protocol.UnmaskRequest request = run.server.unmaskRequest();
        List<Shamir.Share> shares = new ArrayList<>();
        for (String id : run.survivors) {
            shares.add(run.clients.get(id).unmask(request).selfMaskShares().get(target));
        }
        return Shamir.combine(shares, 32);
    }
}
