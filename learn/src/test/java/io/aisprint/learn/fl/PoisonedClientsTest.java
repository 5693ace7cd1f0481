package io.aisprint.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.learn.Requirements;
import io.aisprint.learn.data.ImageSet;
import io.aisprint.learn.data.Partitioning;
import io.aisprint.learn.nn.DjlNetwork;
import io.aisprint.learn.nn.ModelKind;
import io.aisprint.learn.nn.TrainingSettings;
import io.aisprint.learn.nn.Vectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two of eight clients send their real change multiplied by −5 (a sign-flipping, boosted
 * attack); rounds of real DJL training on Fashion-MNIST. FedAvg is dragged down, while the
 * median, the trimmed mean and Krum keep learning.
 */
class PoisonedClientsTest {

    @Test
    void robustRulesResistAQuarterOfPoisonedClients() {
        Requirements.assumePyTorch();
        ImageSet train = Requirements.train(1600);
        ImageSet test = Requirements.test(500);
        List<int[]> parts = new Partitioning.Iid().split(train.labels(), 10, 8, 7);
        Map<String, Aggregation> rules = new LinkedHashMap<>();
        rules.put("fedavg", new Aggregation.WeightedMean());
        rules.put("median", new Aggregation.CoordinateMedian());
        rules.put("trimmed-mean", new Aggregation.TrimmedMean(0.25));
        rules.put("krum", new Aggregation.Krum(2, 1));
        Map<String, Double> accuracy = new LinkedHashMap<>();
        try (DjlNetwork network = DjlNetwork.create(ModelKind.MLP, 11)) {
            float[] start = network.parameters();
            for (Map.Entry<String, Aggregation> rule : rules.entrySet()) {
                float[] global = start;
                for (int round = 1; round <= 2; round++) {
                    List<ClientUpdate> updates = new ArrayList<>();
                    for (int c = 0; c < 8; c++) {
                        network.setParameters(global);
                        network.train(train.subset(parts.get(c)), TrainingSettings.sgd(1, 32, 0.05), new Random(round * 100 + c));
                        float[] delta = Vectors.subtract(network.parameters(), global);
                        if (c >= 6) {
                            for (int i = 0; i < delta.length; i++) {
                                delta[i] *= -5;
                            }
                        }
                        updates.add(new ClientUpdate("c" + c, round, delta, parts.get(c).length));
                    }
                    global = Vectors.add(global, rule.getValue().combine(updates));
                }
                network.setParameters(global);
                accuracy.put(rule.getKey(), network.evaluate(test).accuracy());
            }
        }
        assertThat(accuracy.get("fedavg")).as("%s", accuracy).isLessThan(0.4);
        for (String robust : List.of("median", "trimmed-mean", "krum")) {
            assertThat(accuracy.get(robust)).as("%s %s", robust, accuracy).isGreaterThan(0.5);
        }
    }
}
