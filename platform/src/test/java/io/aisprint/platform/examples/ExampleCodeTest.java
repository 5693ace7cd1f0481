package io.aisprint.platform.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ExampleCodeTest {

    @Test
    void blurryFacesFindsTheFacesAndBlursOnlyThem() {
        Frame frame = Frame.generate(new Random(5));
        Frame blurred = (Frame) new BlurryFaces().run(frame).output();
        assertThat(blurred.faces()).hasSize(frame.faces().size());
        int[] box = blurred.faces().get(0);
        double before = variance(frame, box);
        double after = variance(blurred, box);
        assertThat(after).isLessThan(before);
        // Far corner pixels outside every face stay untouched.
        boolean cornerInFace = frame.faces().stream().anyMatch(f -> f[0] <= 0 && f[1] <= 0);
        if (!cornerInFace) {
            assertThat(blurred.pixels()[0]).isEqualTo(frame.pixels()[0]);
        }
    }

    @Test
    void theTwoPartitionsOfTheCnnGiveTheSameAnswerAsTheWholeNetwork() {
        Frame frame = Frame.generate(new Random(9));
        PartitionCode whole = ExampleCode.forPartition("mask-detector", 0, 1, 0);
        PartitionCode first = ExampleCode.forPartition("mask-detector", 0, 2, 0);
        PartitionCode second = ExampleCode.forPartition("mask-detector", 1, 2, 0);
        double direct = (Double) whole.run(frame).output();
        PartitionCode.Result front = first.run(frame);
        assertThat(front.output()).isInstanceOf(float[].class);
        assertThat(front.exitEarly()).as("declared early-exit probability 0: never exits").isFalse();
        assertThat((Double) second.run(front.output()).output()).isCloseTo(direct, offset(1e-12));
        assertThat(direct).isBetween(0.0, 1.0);
    }

    @Test
    void theEarlyExitThresholdIsCalibratedToTheDeclaredShare() {
        PartitionCode first = ExampleCode.forPartition("mask-detector", 0, 2, 0.3);
        Random random = new Random(123);
        int exits = 0;
        int frames = 400;
        for (int i = 0; i < frames; i++) {
            if (first.run(Frame.generate(random)).exitEarly()) {
                exits++;
            }
        }
        assertThat(exits / (double) frames).isBetween(0.18, 0.42);
    }

    private static double variance(Frame frame, int[] box) {
        double sum = 0;
        double squares = 0;
        int count = 0;
        for (int y = box[1]; y <= box[3]; y++) {
            for (int x = box[0]; x <= box[2]; x++) {
                double value = frame.pixels()[y * frame.width() + x];
                sum += value;
                squares += value * value;
                count++;
            }
        }
        double mean = sum / count;
        return squares / count - mean * mean;
    }
}
