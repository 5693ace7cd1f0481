package io.aisprint.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.learn.LearnException;
import io.aisprint.learn.Requirements;
import io.aisprint.learn.data.ImageSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DjlNetworkTest {

    @Test
    void mlpLearnsFashionMnistInOneEpochOnASubset() {
        Requirements.assumePyTorch();
        ImageSet train = Requirements.train(3000);
        ImageSet test = Requirements.test(1000);
        try (DjlNetwork network = DjlNetwork.create(ModelKind.MLP, 1)) {
            double before = network.evaluate(test).accuracy();
            network.train(train, TrainingSettings.sgd(1, 32, 0.05), new Random(1));
            Evaluation after = network.evaluate(test);
            assertThat(before).isLessThan(0.3);
            assertThat(after.accuracy()).isGreaterThan(0.70);
            assertThat(after.loss()).isLessThan(1.0);
        }
    }

    @Test
    void cnnTrainsToo() {
        Requirements.assumePyTorch();
        try (DjlNetwork network = DjlNetwork.create(ModelKind.CNN, 1)) {
            assertThat(network.parameterCount()).isEqualTo(215_370);
            network.train(Requirements.train(1000), TrainingSettings.sgd(1, 32, 0.05), new Random(1));
            assertThat(network.evaluate(Requirements.test(500)).accuracy()).isGreaterThan(0.55);
        }
    }

    @Test
    void parametersRoundTripAndTheSameSeedGivesTheSameStart() {
        Requirements.assumePyTorch();
        try (DjlNetwork a = DjlNetwork.create(ModelKind.MLP, 5); DjlNetwork b = DjlNetwork.create(ModelKind.MLP, 5);
             DjlNetwork c = DjlNetwork.create(ModelKind.MLP, 6)) {
            assertThat(a.parameterCount()).isEqualTo(199_210);
            assertThat(a.parameters()).containsExactly(b.parameters());
            assertThat(a.parameters()).isNotEqualTo(c.parameters());
            float[] values = c.parameters();
            a.setParameters(values);
            assertThat(a.parameters()).containsExactly(values);
            assertThatThrownBy(() -> a.setParameters(new float[10])).isInstanceOf(LearnException.class).hasMessageContaining("199210");
        }
    }

    @Test
    void proximalTermKeepsTheModelCloserToItsStart() {
        Requirements.assumePyTorch();
        ImageSet train = Requirements.train(1000);
        try (DjlNetwork plain = DjlNetwork.create(ModelKind.MLP, 2); DjlNetwork proximal = DjlNetwork.create(ModelKind.MLP, 2)) {
            float[] start = plain.parameters();
            plain.train(train, TrainingSettings.sgd(2, 32, 0.05), new Random(3));
            proximal.train(train, new TrainingSettings(2, 32, 0.05, 1.0, 0, 0), new Random(3));
            assertThat(Vectors.squaredDistance(proximal.parameters(), start)).isLessThan(Vectors.squaredDistance(plain.parameters(), start));
        }
    }

    @Test
    void dpSgdStillLearnsWithModerateNoise() {
        Requirements.assumePyTorch();
        ImageSet train = Requirements.train(600);
        try (DjlNetwork network = DjlNetwork.create(ModelKind.MLP, 3)) {
            network.train(train, new TrainingSettings(1, 60, 0.5, 0, 1.0, 0.5), new Random(4));
            assertThat(network.evaluate(Requirements.test(500)).accuracy()).isGreaterThan(0.45);
        }
    }
}
