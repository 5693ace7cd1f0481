package io.aisprint.learn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.Requirements;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @Test
    void theDebianPackageHoldsBothHalvesWithBalancedLabels() {
        FashionMnist.Splits splits = Requirements.fashionMnist();
        assertThat(splits.train().size()).isEqualTo(60_000);
        assertThat(splits.test().size()).isEqualTo(10_000);
        assertThat(splits.train().features()).isEqualTo(784);
        int[] counts = new int[10];
        Arrays.stream(splits.train().labels()).forEach(label -> counts[label]++);
        assertThat(counts).containsOnly(6000);
        double mean = 0;
        for (float pixel : splits.train().features(java.util.stream.IntStream.range(0, 60_000).toArray())) {
            mean += pixel;
        }
        assertThat(mean / splits.train().pixels().length).isCloseTo(0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aMissingFolderOrFileNamesThePathAndThePackage(@TempDir Path folder) {
        assertThatThrownBy(() -> FashionMnist.load(folder.resolve("nowhere"))).isInstanceOf(LearnException.class)
            .hasMessageContaining("nowhere").hasMessageContaining("dataset-fashion-mnist")
            .extracting(e -> ((LearnException) e).code()).isEqualTo(LearnErrorCode.DATA_UNREADABLE);
        assertThatThrownBy(() -> FashionMnist.load(folder)).isInstanceOf(LearnException.class)
            .hasMessageContaining("train-images-idx3-ubyte.gz").hasMessageContaining("no such file");
    }

    @Test
    void swappedOrTruncatedFilesAreInvalid(@TempDir Path folder) throws IOException {
        writeIdx(folder.resolve("train-images-idx3-ubyte"), 0x00000801, new int[] {2}, 2); // a labels file where images belong
        writeIdx(folder.resolve("train-labels-idx1-ubyte"), 0x00000801, new int[] {2}, 2);
        assertThatThrownBy(() -> FashionMnist.load(folder, "train")).isInstanceOf(LearnException.class)
            .hasMessageContaining("train-images-idx3-ubyte").hasMessageContaining("3 dimensions").hasMessageContaining("swapped");
        writeIdx(folder.resolve("train-images-idx3-ubyte"), 0x00000803, new int[] {2, 28, 28}, 100);
        assertThatThrownBy(() -> FashionMnist.load(folder, "train")).isInstanceOf(LearnException.class)
            .hasMessageContaining("ends before").extracting(e -> ((LearnException) e).code()).isEqualTo(LearnErrorCode.DATA_INVALID);
    }

    private static void writeIdx(Path file, int magic, int[] sizes, int bytes) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(magic);
            for (int size : sizes) {
                out.writeInt(size);
            }
            out.write(new byte[bytes]);
        }
    }
}
