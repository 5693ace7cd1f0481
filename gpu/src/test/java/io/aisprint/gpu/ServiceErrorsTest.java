package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error codes the anchor cases do not exercise, on purpose-built requests. */
class ServiceErrorsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final OptimizerService service = OptimizerService.reference();

    private static final String REQUEST = """
        {"jobs": {"J1": {"SubmissionTime": "Tue 21 Jul 2020, 17.56.59", "Deadline": "Fri 24 Jul 2020, 07.16.50",
                         "Priority": 2, "Epochs": "10", "ProfilingData": {"M60": {"1": 100.0}}}},
         "nodes": {"n1": {"GPUtype": "M60", "free_nGPUs": 2, "total_nGPUs": 2, "cost": 0.0}},
         "GPUcosts": {"M60": {"1": 0.62, "2": 1.24}},
         "currentTime": "Tue 21 Jul 2020, 17.56.59"}
        """;

    private int codeOf(String request) {
        try {
            service.answer(MAPPER.readTree(request));
        } catch (GpuException e) {
            return e.code().number();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return 0;
    }

    @Test
    void validRequestIsAnswered() throws Exception {
        JsonNode answer = service.answer(MAPPER.readTree(REQUEST));
        assertThat(answer.get("jobs").get("J1").get("node").asText()).isEqualTo("n1");
        // 10 epochs of 100 s on one M60 at 0.62 per hour.
        assertThat(answer.get("estimated_cost").asDouble()).isEqualTo(0.62 * 1000 / 3600);
        assertThat(answer.get("estimated_rescheduling_time").asText()).isEqualTo("Tue 21 Jul 2020, 18.13.39");
    }

    @Test
    void eachMissingOrBadPartGetsItsCode() {
        assertThat(codeOf(REQUEST.replace("\"GPUcosts\": {\"M60\": {\"1\": 0.62, \"2\": 1.24}}", "\"GPUcosts\": {\"K80\": {\"1\": 0.56}}"))).isEqualTo(484);
        assertThat(codeOf(REQUEST.replace("\"GPUcosts\"", "\"costs\""))).isEqualTo(474);
        assertThat(codeOf(REQUEST.replace("\"currentTime\"", "\"now\""))).isEqualTo(434);
        assertThat(codeOf(REQUEST.replace("\"Priority\": 2", "\"Priority\": 6"))).isEqualTo(444);
        assertThat(codeOf(REQUEST.replace("\"ProfilingData\": {\"M60\": {\"1\": 100.0}}", "\"ProfilingData\": {}"))).isEqualTo(454);
        assertThat(codeOf(REQUEST.replace("\"Epochs\": \"10\"", "\"Epochs\": \"ten\""))).isEqualTo(ErrorCode.INVALID_INPUT.number());
        assertThat(codeOf(REQUEST.replace("17.56.59\"}", "5 pm\"}"))).isEqualTo(ErrorCode.INVALID_INPUT.number());
    }

    @Test
    void unknownMethodIsRefusedWithTheNamesWeKnow() {
        assertThatThrownBy(() -> service.answer(MAPPER.readTree(REQUEST.replace("\"currentTime\"", "\"method\": \"XYZ\", \"currentTime\""))))
            .isInstanceOfSatisfying(GpuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_METHOD))
            .hasMessageContaining("PR").hasMessageContaining("EDF");
    }

    @Test
    void scenarioFileReadsEveryCostModel(@TempDir Path directory) throws Exception {
        Path cloud = directory.resolve("cloud.yaml");
        Files.writeString(cloud, """
            costs:
              vms: [{name: NC6, gpuType: K80, gpus: 1, price: 0.56}, {name: NC12, gpuType: K80, gpus: 2, price: 1.13}]
            nodes: [{id: n1, gpuType: K80, gpus: 2}]
            jobs: [{id: A, dueDate: 100, priority: 5, epochs: 3, profile: {K80x1: 10, K80x0.5: 12}}]
            """);
        Scenario scenario = ScenarioFile.read(cloud);
        assertThat(scenario.costs()).isInstanceOf(VmCatalogue.class);
        assertThat(scenario.jobs().get(0).job().tardinessWeight()).isEqualTo(Job.weightOfPriority(5));
        assertThat(scenario.jobs().get(0).job().secondsPerEpoch()).containsKey(Configuration.shared("K80", 0.5));

        Path energy = directory.resolve("energy.yaml");
        Files.writeString(energy, """
            costs: {power: {TESLA: {1: 530}}, energyPrice: 0.17168313, pue: 1.33}
            nodes: [{id: n1, gpuType: TESLA, gpus: 1}]
            jobs: []
            """);
        assertThat(ScenarioFile.read(energy).costs().costPerHour("TESLA", 1)).isCloseTo(0.121019438337, org.assertj.core.api.Assertions.within(1e-12));

        Path broken = directory.resolve("broken.yaml");
        Files.writeString(broken, """
            costs: {gpuCosts: {K80: {1: 0.56}}}
            nodes: [{id: n1, gpuType: K80, gpus: 1}]
            jobs: [{id: A, dueDate: 100, weight: 0.1, epochs: 3, profile: {K80-1: 10}}]
            """);
        assertThatThrownBy(() -> ScenarioFile.read(broken)).isInstanceOf(GpuException.class)
            .hasMessageContaining("broken.yaml: jobs[0] (A).profile").hasMessageContaining("K80-1");
    }

    @Test
    void duplicateIdsAndUnknownKeysInAScenarioAreRefused(@TempDir Path directory) throws Exception {
        Path twins = directory.resolve("twins.yaml");
        Files.writeString(twins, """
            costs: {gpuCosts: {K80: {1: 0.56}}}
            nodes: [{id: n1, gpuType: K80, gpus: 1}, {id: n1, gpuType: K80, gpus: 4}]
            jobs: []
            """);
        assertThatThrownBy(() -> ScenarioFile.read(twins)).isInstanceOf(GpuException.class)
            .hasMessageContaining("twins.yaml: nodes[1]").hasMessageContaining("node id 'n1' is used twice (first at nodes[0])");

        Path sameJob = directory.resolve("same-job.yaml");
        Files.writeString(sameJob, """
            costs: {gpuCosts: {K80: {1: 0.56}}}
            nodes: [{id: n1, gpuType: K80, gpus: 1}]
            jobs: [{id: A, dueDate: 9, weight: 1, epochs: 1, profile: {K80x1: 1}}, {id: A, dueDate: 9, weight: 1, epochs: 1, profile: {K80x1: 1}}]
            """);
        assertThatThrownBy(() -> ScenarioFile.read(sameJob)).hasMessageContaining("job id 'A' is used twice");

        Path typo = directory.resolve("typo.yaml");
        Files.writeString(typo, """
            costs: {gpuCosts: {K80: {1: 0.56}}}
            nodes: [{id: n1, gpuType: K80, gpus: 1}]
            jobs: [{id: A, dueDate: 9, weight: 1, epochs: 1, profile: {K80x1: 1}, stopshare: 0.5}]
            """);
        assertThatThrownBy(() -> ScenarioFile.read(typo)).hasMessageContaining("typo.yaml line 3 (/jobs/0/stopshare)")
            .hasMessageContaining("unknown key \"stopshare\"").hasMessageContaining("Maybe you meant \"stopShare\"?");
    }
}
