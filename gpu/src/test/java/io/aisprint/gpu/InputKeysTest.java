package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.testsupport.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: a misspelled key of a GPU request used to be dropped (a {@code Deadlin} left the job
 * without a deadline error only by luck; a {@code free_nGPU} silently gave the node all its GPUs).
 * Now every GPU input refuses unknown keys as the model's readers do: file, line, pointer, the key meant.
 */
class InputKeysTest {
    @TempDir
    Path dir;

    private static Path example() {
        return Examples.repositoryRoot().resolve("examples/gpu/schedule-request.json");
    }

    private Path misspelled(Path source, String from, String to) throws IOException {
        String text = Files.readString(source);
        assertThat(text).contains(from);
        return Files.writeString(dir.resolve(source.getFileName()), text.replaceFirst(Pattern.quote(from), to));
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void aMisspelledJobKeyIsRefusedWithItsLineAndTheKeyMeant() throws IOException {
        Path request = misspelled(example(), "\"Deadline\"", "\"Deadlin\"");

        assertThatThrownBy(() -> OptimizerService.readRequest(request)).isInstanceOf(GpuException.class)
            .satisfies(error -> assertThat(((GpuException) error).code()).isEqualTo(ErrorCode.INVALID_INPUT))
            .hasMessageContaining(request + " line " + lineOf(request, "\"Deadlin\"") + " (/jobs/train-resnet/Deadlin)")
            .hasMessageContaining("unknown key \"Deadlin\"; expected one of SubmissionTime, Deadline, Priority, Epochs, ProfilingData, Features")
            .hasMessageContaining("Maybe you meant \"Deadline\"?");
    }

    @Test
    void everyMisspelledKeyIsListedAtOnceAtEveryLevel() throws IOException {
        Path once = misspelled(example(), "\"free_nGPUs\"", "\"free_nGPU\"");
        Path request = misspelled(once, "\"Epochs\"", "\"epochs\"");

        assertThatThrownBy(() -> OptimizerService.readRequest(request))
            .hasMessageContaining("(/nodes/gpu-node-1/free_nGPU): unknown key \"free_nGPU\"")
            .hasMessageContaining("Maybe you meant \"free_nGPUs\"?")
            .hasMessageContaining("(/jobs/train-resnet/epochs): unknown key \"epochs\"")
            .hasMessageContaining("Maybe you meant \"Epochs\"?");
    }

    @Test
    void aMisspelledRequiredPartKeepsTheReferenceCodeAndNamesTheMisspelling() throws IOException {
        Path request = misspelled(example(), "\"GPUcosts\"", "\"GPUcost\"");

        assertThatThrownBy(() -> OptimizerService.reference().decode(OptimizerService.readRequest(request)))
            .satisfies(error -> assertThat(((GpuException) error).code()).isEqualTo(ErrorCode.MISSING_GPU_COSTS))
            .hasMessageContaining("request /GPUcost: unknown key \"GPUcost\"").hasMessageContaining("Maybe you meant \"GPUcosts\"?");
    }

    @Test
    void aRecordedCaseIsCheckedUnderItsRequest() throws IOException {
        String request = Files.readString(example());
        Path wrapped = Files.writeString(dir.resolve("case.json"),
            "{\"case_id\": 1, \"expected_response\": {}, \"request\": " + request.replace("\"method\"", "\"metod\"") + "}");

        assertThatThrownBy(() -> OptimizerService.readRequest(wrapped))
            .hasMessageContaining("(/request/metod): unknown key \"metod\"").hasMessageContaining("Maybe you meant \"method\"?");
    }

    @Test
    void aBodyPostedToTheServiceIsCheckedToo() throws IOException {
        String text = Files.readString(example()).replace("\"Priority\"", "\"Priorty\"");

        assertThatThrownBy(() -> OptimizerService.reference().answer(new ObjectMapper().readTree(text)))
            .hasMessageContaining("request /jobs/train-resnet/Priorty: unknown key \"Priorty\"")
            .hasMessageContaining("Maybe you meant \"Priority\"?");
    }

    @Test
    void aScenarioFileNamesTheLineOfAMisspelledKey() throws IOException {
        Path scenario = Files.writeString(dir.resolve("trace.yaml"), """
            costs: {gpuCosts: {K80: {1: 0.56}}}
            nodes:
              - {id: n1, gpuType: K80, gpu: 1}
            jobs: [{id: A, dueDate: 9, weight: 1, epochs: 1, profile: {K80x1: 1}}]
            """);

        assertThatThrownBy(() -> ScenarioFile.read(scenario))
            .hasMessageContaining("trace.yaml line 3 (/nodes/0/gpu): unknown key \"gpu\"").hasMessageContaining("Maybe you meant \"gpus\"?");
    }

    @Test
    void theShippedExamplesStillRead() {
        assertThat(OptimizerService.reference().decode(OptimizerService.readRequest(example())).problem().jobs()).hasSize(2);
        assertThat(ScenarioFile.read(Examples.repositoryRoot().resolve("docs/gpu-trace-example.yaml")).jobs()).isNotEmpty();
    }

    @Test
    void everyAnchorRequestStillReads() throws IOException {
        Path examples = Anchors.gpuScheduler().resolve("webservice_examples");
        List<Path> cases;
        try (Stream<Path> files = Files.list(examples)) {
            cases = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(cases).hasSize(16);
        for (Path file : cases) {
            assertThat(OptimizerService.readRequest(file).has("jobs")).as(file.toString()).isTrue();
        }
    }
}
