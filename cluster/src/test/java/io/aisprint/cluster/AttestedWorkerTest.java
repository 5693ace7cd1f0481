package io.aisprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.TaskRuntime;
import io.aisprint.security.attest.SoftwareMeasurement;
import io.aisprint.security.attest.TrustServer;
import io.aisprint.security.attest.TrustService;
import io.aisprint.security.attest.WorkerAttestation;
import io.aisprint.security.attest.WorkerSecrets;
import io.aisprint.security.policy.OwnerKeys;
import io.aisprint.security.secrets.CertificateAuthority;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers attest to the trust service before they join: the one whose application jar was
 * modified is refused and never joins; the attested one runs secure tasks with the secrets it
 * received; revoking it removes it from the cluster within the failure-detection time.
 */
class AttestedWorkerTest {
    private static final int PORT = TestClusters.freePortBlock();
    private static final String SECRET = "s3cret-model-key";

    @Test
    void aModifiedJarIsRefusedAnAttestedWorkerGetsSecretsAndRevocationTakesEffect(@TempDir Path dir) throws Exception {
        String goodClassPath = classPath(jar(dir.resolve("good"), "application v1"));
        String badClassPath = classPath(jar(dir.resolve("bad"), "application v1 with a backdoor"));
        String workerMeasurement = SoftwareMeasurement.measure(entries(goodClassPath), List.of(), Map.of());
        String driverMeasurement = SoftwareMeasurement.ofThisJvm(List.of(), Map.of());
        KeyPair owner = CertificateAuthority.generate("P-256");
        TrustService trust = new TrustService(dir.resolve("trust"), Clock.systemUTC(), Map.of(), Duration.ofMinutes(30));
        Path caPem = Files.writeString(dir.resolve("ca.pem"), CertificateAuthority.pem(trust.caCertificate()));
        byte[] policy = """
            name: cluster
            services:
              - name: driver
                attestation: {measurement: "%s"}
              - name: worker
                environment: {MODEL_KEY: "$$SCONE::model_key$$"}
                attestation: {measurement: "%s"}
            secrets:
              - {name: model_key, kind: ascii, value: "%s"}
            """.formatted(driverMeasurement, workerMeasurement, SECRET).getBytes(StandardCharsets.UTF_8);
        trust.upload(policy, owner.getPublic(), OwnerKeys.sign(owner.getPrivate(), policy));

        try (TrustServer server = new TrustServer(trust, "127.0.0.1", 0).start()) {
            URI url = URI.create("https://127.0.0.1:" + server.port());
            Process good = worker("w-good", goodClassPath, url, caPem, dir);
            Process bad = worker("w-bad", badClassPath, url, caPem, dir);
            WorkerAttestation.Attested driverTls = WorkerAttestation.attest(url, caPem, "cluster", "driver", dir.resolve("driver-tls"));
            ClusterConfig config = ClusterConfig.of(new io.aisprint.runtime.NodeSpec("driver", 1, 1024, 0, null, Map.of()),
                    ClusterConfig.loopback(PORT, 10)).withPorts(PORT, PORT + 100, 10).withFailureDetection(Duration.ofSeconds(3))
                    .withJoinTimeout(Duration.ofSeconds(30)).withTls(driverTls.tlsDirectory(), driverTls.password());
            try (ClusterDriver driver = ClusterDriver.start(config)) {
                driver.awaitWorkers(1, Duration.ofSeconds(60));
                assertThat(bad.waitFor(60, TimeUnit.SECONDS)).as("the modified worker gives up").isTrue();
                assertThat(bad.exitValue()).isNotZero();
                assertThat(log(dir, "w-bad")).contains("attestation refused, not joining").contains("a changed jar");
                assertThat(driver.workers()).extracting(io.aisprint.runtime.NodeSpec::name).containsExactly("w-good");
                assertThat(trust.audit().entries()).anyMatch(e -> "refused".equals(e.get("outcome")) && "worker".equals(e.get("service")));

                try (TaskRuntime runtime = driver.runtime()) {
                    String seen = runtime.waitOn(runtime.task("uses-secret").constraints(Constraints.of().secure())
                            .call(Remote.call(ctx -> ctx.nodeName() + " " + sha256(WorkerSecrets.get("model_key")))));
                    assertThat(seen).isEqualTo("w-good " + sha256(SECRET));
                }
                // The secret reached the worker only: the driver's own grant does not hold it.
                assertThatThrownBy(() -> WorkerSecrets.get("model_key")).hasMessageContaining("not held here");

                Matcher key = Pattern.compile("attested as key ([0-9a-f]{64})").matcher(log(dir, "w-good"));
                assertThat(key.find()).as(log(dir, "w-good")).isTrue();
                long revokedAt = System.nanoTime();
                trust.revoke(key.group(1), "test: node decommissioned");
                while (!driver.workers().isEmpty() && System.nanoTime() - revokedAt < TimeUnit.SECONDS.toNanos(20)) {
                    Thread.sleep(100);
                }
                Duration gone = Duration.ofNanos(System.nanoTime() - revokedAt);
                assertThat(driver.workers()).isEmpty();
                // Polling every half failure-detection interval, then leaving: within 3 s detection plus one poll and slack.
                assertThat(gone).isLessThan(Duration.ofSeconds(8));
                assertThat(good.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(log(dir, "w-good")).contains("revoked by the trust service: secrets cleared");
            } finally {
                good.destroyForcibly();
                bad.destroyForcibly();
            }
        }
    }

    private static Process worker(String name, String classPath, URI trust, Path caPem, Path dir) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JvmFlags.IGNITE_ADD_OPENS);
        command.addAll(JvmFlags.IGNITE_QUIET);
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, ClusterWorker.class.getName(),
                "--name", name, "--cores", "1", "--join", "127.0.0.1:" + PORT + ".." + (PORT + 9), "--port", Integer.toString(PORT),
                "--communication-port", Integer.toString(PORT + 100), "--failure-detection-ms", "3000",
                "--attest", trust.toString(), "--attest-ca", caPem.toString(), "--session", "cluster", "--service", "worker"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    /** A real jar holding one resource: the application a worker runs, in two versions. */
    private static Path jar(Path folder, String content) throws IOException {
        Files.createDirectories(folder);
        Path jar = folder.resolve("application.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry("application.txt"));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static String classPath(Path applicationJar) {
        return System.getProperty("java.class.path") + File.pathSeparator + applicationJar;
    }

    private static List<Path> entries(String classPath) {
        return java.util.stream.Stream.of(classPath.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static String log(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name + ".log"));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
