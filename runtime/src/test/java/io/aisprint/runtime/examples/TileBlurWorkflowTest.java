package io.aisprint.runtime.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.runtime.TaskRuntime;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TileBlurWorkflowTest {
    @TempDir
    Path dir;

    @Test
    void tiledBlurEqualsBlurringTheWholeImage() throws Exception {
        Path input = dir.resolve("in.png");
        BufferedImage original = TileBlurWorkflow.generate(64);
        ImageIO.write(original, "png", input.toFile());
        Path output = dir.resolve("out.png");
        TileBlurWorkflow.Result result;
        try (TaskRuntime runtime = TaskRuntime.local(3)) {
            result = TileBlurWorkflow.run(runtime, new TileBlurWorkflow.Request(input, output, 4, 2, 64));
        }
        assertThat(result.tiles()).isEqualTo(16);
        assertThat(result.summary().succeeded()).isEqualTo(18); // load + 16 blurs + merge
        BufferedImage written = ImageIO.read(output.toFile());
        assertThat(TileBlurWorkflow.samePixels(written, TileBlurWorkflow.blurWhole(original, 2))).isTrue();
        assertThat(TileBlurWorkflow.samePixels(written, original)).as("the blur changed something").isFalse();
    }

    @Test
    void tooManyTilesForTheImageIsAClearError() {
        assertThatThrownBy(() -> new TileBlurWorkflow.Request(null, dir.resolve("o.png"), 8, 1, 4))
                .hasMessageContaining("at least one pixel per tile");
    }
}
