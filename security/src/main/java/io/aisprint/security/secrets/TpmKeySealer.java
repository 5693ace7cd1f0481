package io.aisprint.security.secrets;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Seals the master key to a TPM with tpm2-tools: a sealed-data object under the owner
 * hierarchy's primary key (re-derived each time from the same template), optionally with a PCR
 * policy ({@code sha256:7}: the key unseals only while Secure Boot state is what it was). The
 * blob kept on disk is the object's public and private parts, useless without that TPM.
 */
public final class TpmKeySealer implements KeySealer {
    private final String tcti;
    private final String pcrs;

    /** @param tcti the TPM2TOOLS_TCTI value, e.g. {@code device:/dev/tpmrm0} or {@code swtpm:host=127.0.0.1,port=2321}
     *  @param pcrs a PCR selection the key is bound to ({@code sha256:7}), or null for none */
    public TpmKeySealer(String tcti, String pcrs) {
        this.tcti = tcti;
        this.pcrs = pcrs;
    }

    @Override
    public String name() {
        return "tpm";
    }

    @Override
    public byte[] seal(byte[] key) {
        Path work = workDirectory();
        try {
            Files.write(work.resolve("key.bin"), key);
            primary(work);
            List<String> create = new ArrayList<>(List.of("tpm2_create", "-Q", "-C", "primary.ctx", "-i", "key.bin", "-u", "seal.pub", "-r", "seal.priv"));
            if (pcrs != null) {
                run(work, "tpm2_startauthsession", "-S", "session.ctx");
                run(work, "tpm2_policypcr", "-Q", "-S", "session.ctx", "-l", pcrs, "-L", "pcr.policy");
                run(work, "tpm2_flushcontext", "session.ctx");
                create.addAll(List.of("-L", "pcr.policy", "-a", "fixedtpm|fixedparent"));
            }
            run(work, create.toArray(String[]::new));
            byte[] pub = Files.readAllBytes(work.resolve("seal.pub"));
            byte[] priv = Files.readAllBytes(work.resolve("seal.priv"));
            return ByteBuffer.allocate(8 + pub.length + priv.length).putInt(pub.length).put(pub).putInt(priv.length).put(priv).array();
        } catch (IOException e) {
            throw failure("seal", e);
        } finally {
            delete(work);
        }
    }

    @Override
    public byte[] unseal(byte[] sealed) {
        Path work = workDirectory();
        try {
            ByteBuffer buffer = ByteBuffer.wrap(sealed);
            byte[] pub = new byte[buffer.getInt()];
            buffer.get(pub);
            byte[] priv = new byte[buffer.getInt()];
            buffer.get(priv);
            Files.write(work.resolve("seal.pub"), pub);
            Files.write(work.resolve("seal.priv"), priv);
            primary(work);
            run(work, "tpm2_load", "-Q", "-C", "primary.ctx", "-u", "seal.pub", "-r", "seal.priv", "-c", "seal.ctx");
            List<String> unseal = new ArrayList<>(List.of("tpm2_unseal", "-c", "seal.ctx", "-o", "key.bin"));
            if (pcrs != null) {
                unseal.addAll(List.of("-p", "pcr:" + pcrs));
            }
            run(work, unseal.toArray(String[]::new));
            run(work, "tpm2_flushcontext", "-t");
            return Files.readAllBytes(work.resolve("key.bin"));
        } catch (IOException | RuntimeException e) {
            if (e instanceof TrustException trust) {
                throw new TrustException(TrustErrorCode.TAMPERED, "the TPM refused to unseal the master key (another TPM, or the PCRs "
                    + pcrs + " changed since it was sealed): " + trust.getMessage(), trust);
            }
            throw failure("unseal", e);
        } finally {
            delete(work);
        }
    }

    private void primary(Path work) {
        run(work, "tpm2_createprimary", "-Q", "-C", "o", "-g", "sha256", "-G", "ecc", "-c", "primary.ctx");
        run(work, "tpm2_flushcontext", "-t");
    }

    private void run(Path work, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("tool.log").toFile());
            builder.environment().put("TPM2TOOLS_TCTI", tcti);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new TrustException(TrustErrorCode.EXTERNAL, command[0] + " failed: " + Files.readString(work.resolve("tool.log")).strip());
            }
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.EXTERNAL, "cannot run " + command[0] + " (is tpm2-tools installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrustException(TrustErrorCode.EXTERNAL, "interrupted running " + command[0], e);
        }
    }

    private static Path workDirectory() {
        try {
            return Files.createTempDirectory("aisprint-seal-");
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.EXTERNAL, "cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    private static void delete(Path work) {
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind holds no secret in clear: key.bin is written and read in the same call
        }
    }

    private static TrustException failure(String what, Exception e) {
        return new TrustException(TrustErrorCode.EXTERNAL, "cannot " + what + " the master key with the TPM: " + e.getMessage(), e);
    }
}
