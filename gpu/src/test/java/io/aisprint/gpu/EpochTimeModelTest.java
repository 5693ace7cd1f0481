package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.perf.aml.AmlConfig;
import io.aisprint.perf.aml.Campaign;
import io.aisprint.perf.aml.CampaignOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 4: a job profiled on 1, 2 and 4 K80s may run on 8 when a performance model
 * trained (by the perf module's aMLLibrary pipeline) on profiling data predicts the time of an
 * epoch there. The profile holds K80 ×1/2/4 and M60 ×1/2/4/8; K80 ×8 is held out.
 */
class EpochTimeModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static EpochTimeModel model;

    /** The true time of an epoch: a serial part plus a part that splits over the GPUs. */
    private static double trueSeconds(String type, int gpus) {
        double speed = type.equals("K80") ? 1.0 : 0.8;
        return speed * (20 + 200.0 / gpus);
    }

    @BeforeAll
    static void train() throws IOException {
        StringBuilder csv = new StringBuilder("gpu_type,gpus,epoch_seconds\n");
        // measurements off the true curve by up to 1 %, as profiling runs are
        double[] noise = {0.004, -0.007, 0.002, -0.003, 0.009, -0.005, 0.001};
        int row = 0;
        for (String type : new String[] {"K80", "M60"}) {
            for (int gpus : new int[] {1, 2, 4, 8}) {
                if (type.equals("K80") && gpus == 8) {
                    continue;
                }
                csv.append(type).append(',').append(gpus).append(',').append(trueSeconds(type, gpus) * (1 + noise[row++])).append('\n');
            }
        }
        Files.writeString(dir.resolve("profile.csv"), csv);
        model = trainRidge("profile.csv", """
            inverse = ['gpus']
            selected_products = ['gpu_type_class_K80 inverse_gpus', 'gpu_type_class_M60 inverse_gpus']
            """);
    }

    /** Trains a Ridge regression of epoch_seconds on {@code data} (in the test folder) with this preparation. */
    private static EpochTimeModel trainRidge(String data, String preparation) {
        String name = data.replace(".csv", "");
        try {
            Path campaign = Files.writeString(dir.resolve(name + ".ini"), String.join("\n", "[General]", "run_num = 1",
                "techniques = ['LRRidge']", "hp_selection = All", "validation = All", "y = \"epoch_seconds\"", "",
                "[DataPreparation]", "input_path = \"" + data + "\"", preparation, "[LRRidge]", "alpha = [0.0001]", ""));
            Campaign.Result result = new Campaign(AmlConfig.read(campaign), 1).run((done, total) -> { });
            CampaignOutput.write(result, dir.resolve(name + "-model"), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return EpochTimeModel.read(dir.resolve(name + "-model/best.json"));
    }

    private static String request(int deadlineHour) {
        return """
            {"jobs": {"J1": {"SubmissionTime": "Tue 21 Jul 2020, 10.0.0", "Deadline": "Tue 21 Jul 2020, %d.0.0",
                             "Priority": 5, "Epochs": "100", "ProfilingData": {"K80": {"1": 220.0, "2": 120.0, "4": 70.0}}}},
             "nodes": {"n1": {"GPUtype": "K80", "free_nGPUs": 8, "total_nGPUs": 8}},
             "GPUcosts": {"K80": {"1": 0.01, "2": 0.02, "4": 0.04, "8": 0.08}},
             "currentTime": "Tue 21 Jul 2020, 10.0.0", "method": "G"}
            """.formatted(deadlineHour);
    }

    @Test
    void theHeldOutConfigurationIsPredictedCloseToItsTrueTime() {
        Job job = new Job("J1", 0, 3600, 1, 100, Map.of(Configuration.of("K80", 1), 220.0), 0, "", "");

        EpochTimeModel.Completion completion = model.complete(job,
            java.util.List.of(Configuration.of("K80", 1), Configuration.of("K80", 8), Configuration.of("V100", 2)), Map.of());

        assertThat(completion.predicted()).containsOnlyKeys(Configuration.of("K80", 8));
        assertThat(completion.predicted().get(Configuration.of("K80", 8))).isCloseTo(trueSeconds("K80", 8), within(0.03 * trueSeconds("K80", 8)));
        // the measured time stays as measured; a GPU type the model never saw is not guessed
        assertThat(completion.job().secondsPerEpoch()).containsEntry(Configuration.of("K80", 1), 220.0)
            .doesNotContainKey(Configuration.of("V100", 2));
    }

    @Test
    void theScheduleUsesThePredictedConfigurationAndMarksIt() throws IOException {
        JsonNode request = JSON.readTree(request(11));

        JsonNode profiledOnly = OptimizerService.reference().answer(request);
        JsonNode withModel = OptimizerService.reference().withEpochModel(model).answer(request);

        assertThat(profiledOnly.get("jobs").get("J1").get("nGPUs").asInt()).isLessThanOrEqualTo(4);
        assertThat(profiledOnly.get("jobs").get("J1").has("predicted_seconds_per_epoch")).isFalse();
        JsonNode job = withModel.get("jobs").get("J1");
        assertThat(job.get("nGPUs").asInt()).isEqualTo(8);
        assertThat(job.get("predicted_seconds_per_epoch").asDouble()).isCloseTo(trueSeconds("K80", 8), within(0.03 * trueSeconds("K80", 8)));
        // 100 epochs of the predicted time, due after one hour
        double tardinessHours = (100 * job.get("predicted_seconds_per_epoch").asDouble() - 3600) / 3600;
        assertThat(job.get("expected_tardiness").asDouble()).isCloseTo(tardinessHours, within(1e-6));
    }

    @Test
    void withoutAModelAJobWithoutProfilingIsStillRefused() throws IOException {
        JsonNode unprofiled = JSON.readTree(request(11).replace("{\"K80\": {\"1\": 220.0, \"2\": 120.0, \"4\": 70.0}}", "{}"));

        assertThatThrownBy(() -> OptimizerService.reference().answer(unprofiled))
            .isInstanceOfSatisfying(GpuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_PROFILING));
        JsonNode predicted = OptimizerService.reference().withEpochModel(model).answer(unprofiled);
        assertThat(predicted.get("jobs").get("J1").has("predicted_seconds_per_epoch")).isTrue();
    }

    @Test
    void aFeatureTheModelNeedsAndTheJobLacksIsNamed() throws IOException {
        Files.writeString(dir.resolve("batch.csv"), "gpus,batch_size,epoch_seconds\n1,32,100\n2,32,60\n1,64,80\n2,64,50\n4,64,30\n");
        EpochTimeModel batch = trainRidge("batch.csv", "");
        Job job = new Job("J1", 0, 3600, 1, 100, Map.of(Configuration.of("K80", 1), 220.0), 0, "", "");

        assertThatThrownBy(() -> batch.complete(job, java.util.List.of(Configuration.of("K80", 2)), Map.of()))
            .isInstanceOf(GpuException.class).hasMessageContaining("Job J1").hasMessageContaining("batch_size")
            .hasMessageContaining("Features");
        assertThat(batch.complete(job, java.util.List.of(Configuration.of("K80", 2)), Map.of("batch_size", 64.0)).predicted())
            .containsOnlyKeys(Configuration.of("K80", 2));
    }
}
