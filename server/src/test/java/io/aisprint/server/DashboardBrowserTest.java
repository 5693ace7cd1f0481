package io.aisprint.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core (from npm) against a
 * server started here. Upload, design, a short run whose live charts move and which re-places, the
 * report. A screenshot per step lands in target/dashboard-screenshots/.
 */
class DashboardBrowserTest {
    static final Path FRONTEND = Path.of("src/main/frontend").toAbsolutePath();
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @TempDir
    Path data;

    @Test
    void uploadDesignRunAndReportInTheBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed at " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(Files.isDirectory(FRONTEND.resolve("node_modules/playwright-core")),
                "playwright-core is not installed (the build runs npm ci in " + FRONTEND + " when npm is on the PATH)");
        assumeTrue(DashboardBrowserTest.class.getResource("/dashboard/index.html") != null,
                "the dashboard was not built into target/classes (npm missing at build time?)");
        String token = Tokens.create(data, null, Role.OPERATOR, "browser").token();
        Path zip = data.resolveSibling(data.getFileName() + "-mask-detection.zip");
        Files.write(zip, Client.zipExample("mask-detection"));
        Path shots = Path.of("target/dashboard-screenshots").toAbsolutePath();
        Path cluster = data.resolve("cluster.yaml");
        Files.writeString(cluster, "costs:\n  gpuCosts:\n    CPU: {1: 0.1, 2: 0.2}\nnodes:\n  - {id: local, gpuType: CPU, gpus: 2}\njobs: []\n");
        try (ApiServer server = ApiServer.start(ServerConfig.defaults(data).withPort(0).withGpuCluster(cluster))) {
            ProcessBuilder node = new ProcessBuilder("node", "e2e/dashboard.e2e.mjs").directory(FRONTEND.toFile()).redirectErrorStream(true);
            node.environment().put("BASE_URL", "http://127.0.0.1:" + server.port() + "/");
            node.environment().put("TOKEN", token);
            node.environment().put("APP_ZIP", zip.toString());
            node.environment().put("SHOTS", shots.toString());
            Process process = node.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean finished = process.waitFor(240, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            assertThat(finished).as(output).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("all steps passed");
        } finally {
            Files.deleteIfExists(zip);
        }
        for (String step : new String[] {"01-sign-in", "02-application", "03-design", "04-run-live", "05-replacement", "06-report", "07-gpu-gantt"}) {
            assertThat(shots.resolve(step + ".png")).isNotEmptyFile();
        }
    }
}
