package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.testsupport.TestDirectories;
import io.aisprint.testsupport.Examples;
import io.aisprint.model.GlobalConstraint;
import io.aisprint.model.LocalConstraint;
import io.aisprint.model.ModelException;
import io.aisprint.model.SystemDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without annotations.yaml, the decorators on main() in src/<component>/main.py give the limits. */
class PythonAnnotationsTest {

    private static Path appWithoutAnnotationsYaml(Path temp) throws IOException {
        Path source = Examples.require("mask-detection");
        Path app = temp.resolve("app");
        TestDirectories.copy(source, app, path -> !path.getFileName().toString().equals("annotations.yaml"));
        Files.createDirectories(app.resolve("src/blurry-faces"));
        Files.createDirectories(app.resolve("src/mask-detector"));
        return app;
    }

    @Test
    void bothDecoratorStylesGiveTheSameModelAsAnnotationsYaml(@TempDir Path temp) throws IOException {
        Path app = appWithoutAnnotationsYaml(temp);
        Files.writeString(app.resolve("src/blurry-faces/main.py"), """
                import cv2
                from aisprint.annotations import annotation

                def helper(frame):  # not decorated
                    return frame

                @annotation({'component_name': {'name': 'blurry-faces'},
                             'exec_time': {'local_time_thr': 0.5},   # seconds
                             "expected_throughput": {"rate": 2}})
                def main(args):
                    pass
                """);
        Files.writeString(app.resolve("src/mask-detector/main.py"), """
                from aisprint.annotations import component_name, exec_time, partitionable_model

                @component_name(name='mask-detector')
                @exec_time(local_time_thr=0.4, global_time_thr=.8,
                           prev_components=['blurry-faces'])
                @aisprint.annotations.partitionable_model(onnx_file='yolov3-tiny.onnx', num_partitions=1)
                def main(args):
                    return None
                """);
        SystemDescription fromPython = SystemReaders.read(app);
        SystemDescription fromYaml = SystemReaders.read(Examples.require("mask-detection"));
        assertThat(fromPython.application().localConstraints())
                .containsExactlyInAnyOrder(new LocalConstraint("blurry-faces", 0.5), new LocalConstraint("mask-detector", 0.4));
        assertThat(fromPython.application().globalConstraints())
                .containsExactly(new GlobalConstraint("path_to_mask-detector", List.of("blurry-faces", "mask-detector"), 0.8));
        assertThat(fromPython.application().localConstraints())
                .containsExactlyInAnyOrderElementsOf(fromYaml.application().localConstraints());
        assertThat(fromPython.application().globalConstraints()).isEqualTo(fromYaml.application().globalConstraints());
    }

    @Test
    void nonLiteralArgumentsAndMissingMainAreReportedWithTheirLine(@TempDir Path temp) throws IOException {
        Path app = appWithoutAnnotationsYaml(temp);
        Files.writeString(app.resolve("src/blurry-faces/main.py"), """
                LIMIT = 3

                @component_name(name='blurry-faces')
                @exec_time(local_time_thr=LIMIT)
                def main(args):
                    pass
                """);
        Files.writeString(app.resolve("src/mask-detector/main.py"), """
                @component_name(name='mask-detector')
                def run(args):
                    pass
                """);
        assertThatThrownBy(() -> SystemReaders.read(app)).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.problems()).hasSize(2);
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.file()).endsWith("blurry-faces/main.py");
                assertThat(p.location()).isEqualTo("line 4");
                assertThat(p.message()).contains("'LIMIT' is not a literal");
            });
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.file()).endsWith("mask-detector/main.py");
                assertThat(p.message()).contains("no 'def main'");
            });
        });
    }

    @Test
    void anUnknownComponentNameInADecoratorPointsAtItsLine(@TempDir Path temp) throws IOException {
        Path app = appWithoutAnnotationsYaml(temp);
        Files.writeString(app.resolve("src/blurry-faces/main.py"), "\n\n@component_name(name='blur')\ndef main(a):\n    pass\n");
        assertThatThrownBy(() -> SystemReaders.read(app)).isInstanceOfSatisfying(ModelException.class, e ->
                assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.location()).startsWith("line 3");
                    assertThat(p.message()).contains("unknown component blur");
                }));
    }
}
