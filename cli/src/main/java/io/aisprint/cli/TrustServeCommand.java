package io.aisprint.cli;

import io.aisprint.security.TrustException;
import io.aisprint.security.attest.TestDoubleTeeVerifier;
import io.aisprint.security.attest.TeeVerifier;
import io.aisprint.security.attest.TrustServer;
import io.aisprint.security.attest.TrustService;
import io.aisprint.security.secrets.CertificateAuthority;
import io.aisprint.security.secrets.KeySealer;
import io.aisprint.security.secrets.TpmKeySealer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aisprint trust serve}: the attestation and secret service. */
@Command(name = "serve", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = {
        "Run the attestation and secret service (REST over TLS). Owners upload signed session",
        "policies; workloads present nonce-bound evidence (software measurement, TPM quote, TEE",
        "evidence through the SPI) and receive their service's secrets and a short-lived certificate.",
        "State (policies, secrets, service CA) is encrypted under a master key in --state (a 0600 file,",
        "or sealed to a TPM with --seal-tpm); every",
        "decision is appended to STATE/audit.jsonl with its reasons. The service CA certificate is",
        "written to STATE/ca.pem for clients and cluster members to trust.",
    },
    footer = {
        "",
        "Example:",
        "  aisprint trust serve --state /var/lib/aisprint-trust --port 8443",
        "",
        "Exit codes: 0 stopped, 2 the state folder cannot be used or the port is taken.",
    })
public final class TrustServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--state", required = true, paramLabel = "DIR", description = "state folder (created if absent)")
    Path state;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8443", description = "TLS port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--certificate-lifetime", defaultValue = "PT1H", paramLabel = "DURATION",
        description = "lifetime of workload certificates, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration certificateLifetime;

    @Option(names = "--seal-tpm", paramLabel = "TCTI",
        description = "seal the vault's master key to this TPM (TPM2TOOLS_TCTI form, e.g. device:/dev/tpmrm0) instead of a 0600 file")
    String sealTpm;

    @Option(names = "--seal-pcrs", paramLabel = "SELECTION",
        description = "with --seal-tpm: unseal only while these PCRs are unchanged, e.g. sha256:7 (Secure Boot state)")
    String sealPcrs;

    @Option(names = "--test-double-tee-key", paramLabel = "FILE", hidden = true,
        description = "enable the TEST DOUBLE TEE verifier with this HMAC key (tests only; proves nothing about hardware)")
    Path testDoubleKey;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, TeeVerifier> verifiers = new HashMap<>();
        ServiceLoader.load(TeeVerifier.class).forEach(v -> verifiers.put(v.type(), v));
        if (testDoubleKey != null) {
            verifiers.put("test-double", new TestDoubleTeeVerifier(Files.readAllBytes(testDoubleKey)));
        }
        TrustServer server;
        try {
            KeySealer sealer = sealTpm == null ? KeySealer.file() : new TpmKeySealer(sealTpm, sealPcrs);
            TrustService service = new TrustService(state, Clock.systemUTC(), verifiers, certificateLifetime, sealer);
            Path ca = state.resolve("ca.pem");
            Path temp = Files.createTempFile(state, ".ca", ".tmp");
            Files.writeString(temp, CertificateAuthority.pem(service.caCertificate()));
            Files.move(temp, ca, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            server = new TrustServer(service, host, port).start();
        } catch (TrustException e) {
            return TrustCommand.report(e, false, spec);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("error: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        out.println("trust service on https://" + host + ":" + server.port() + " (CA: " + state.resolve("ca.pem")
            + ", TEE verifiers: " + (verifiers.isEmpty() ? "none" : verifiers.keySet()) + ")");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return ExitCodes.OK;
    }
}
