package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 4, from the command line: {@code perf train} on a GPU profile, then
 * {@code gpu schedule --epoch-model} places a job on a GPU count it was never profiled on.
 */
class GpuEpochModelCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTrainedModelLetsScheduleUseAnUnprofiledGpuCount() throws IOException {
        // seconds per epoch = 20 + 200 / gpus on a K80; the job's profile stops at 4 GPUs
        Files.writeString(dir.resolve("profile.csv"), "gpu_type,gpus,epoch_seconds\nK80,1,220.5\nK80,2,119.6\nK80,4,70.2\nK80,3,86.9\n");
        Path campaign = Files.writeString(dir.resolve("epochs.ini"), """
            [General]
            techniques = ['LRRidge']
            hp_selection = All
            validation = All
            y = "epoch_seconds"

            [DataPreparation]
            input_path = "%s"
            inverse = ['gpus']

            [LRRidge]
            alpha = [0.0001]
            """.formatted(dir.resolve("profile.csv")));
        CliTestSupport.Outcome trained = CliTestSupport.run("perf", "train", campaign.toString(), "-o", dir.resolve("model").toString(),
            "--no-progress");
        assertThat(trained.exitCode()).as(trained.err()).isEqualTo(ExitCodes.OK);
        Path request = Files.writeString(dir.resolve("request.json"), """
            {"jobs": {"J1": {"SubmissionTime": "Tue 21 Jul 2020, 10.0.0", "Deadline": "Tue 21 Jul 2020, 11.0.0",
                             "Priority": 5, "Epochs": "100", "ProfilingData": {"K80": {"1": 220.0, "2": 120.0, "4": 70.0}}}},
             "nodes": {"n1": {"GPUtype": "K80", "free_nGPUs": 8, "total_nGPUs": 8}},
             "GPUcosts": {"K80": {"1": 0.01, "2": 0.02, "4": 0.04, "8": 0.08}},
             "currentTime": "Tue 21 Jul 2020, 10.0.0", "method": "G"}
            """);

        CliTestSupport.Outcome answer = CliTestSupport.run("gpu", "schedule", "--request", request.toString(),
            "--epoch-model", dir.resolve("model/best.json").toString());

        assertThat(answer.exitCode()).as(answer.err()).isEqualTo(ExitCodes.OK);
        JsonNode job = new ObjectMapper().readTree(answer.out()).get("jobs").get("J1");
        assertThat(job.get("nGPUs").asInt()).isEqualTo(8);
        assertThat(job.get("predicted_seconds_per_epoch").asDouble()).isCloseTo(45.0, within(2.0));
    }

    @Test
    void aMissingModelFileIsAnUnreadableInput() {
        Path request = io.aisprint.testsupport.Examples.repositoryRoot().resolve("examples/gpu/schedule-request.json");

        CliTestSupport.Outcome outcome = CliTestSupport.run("gpu", "schedule", "--request", request.toString(), "--epoch-model",
            dir.resolve("nothing.json").toString());

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("Cannot read the epoch-time model", "nothing.json").doesNotContain("Exception");
    }
}
